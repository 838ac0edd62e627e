/// The entries of one config volume merged into what one config container runs (TripleO's grouping
/// by `config_volume`): the first entry picks the image and `privileged`; tags and manifests of
/// later entries are appended (`,` and newline; a tag already there is not repeated); volumes are
/// the sorted union.
///
/// Unlike TripleO Wallaby's module, a missing or `null` `puppet_tags` neither crashes (`KeyError`) nor
/// becomes the tag `None`, and an empty one adds no empty tag.
struct VolumeGroup: Equatable {
    /// Tags every config run applies, before the services' own.
    static let defaultTags = "file,file_line,concat,augeas,cron"

    var volume: String
    var image: String
    /// The services' tags only, comma-joined (empty when none).
    var serviceTags: String
    var manifest: String
    var volumes: [String]
    var privileged: Bool

    /// `defaultTags` followed by the services' tags.
    var puppetTags: String { serviceTags.isEmpty ? Self.defaultTags : Self.defaultTags + "," + serviceTags }

    /// Groups entries by volume, in order of first appearance.
    /// - Returns: the groups and a warning for each entry whose image differs from its group's.
    static func group(_ items: [PuppetConfigItem]) -> (groups: [VolumeGroup], warnings: [String]) {
        var groups: [VolumeGroup] = []
        var index: [String: Int] = [:]
        var warnings: [String] = []
        for item in items {
            let tags = Self.cleanTags(item.puppetTags)
            guard let at = index[item.configVolume] else {
                index[item.configVolume] = groups.count
                groups.append(
                    VolumeGroup(
                        volume: item.configVolume, image: item.configImage, serviceTags: tags, manifest: item.stepConfig,
                        volumes: Array(Set(item.volumes)).sorted(), privileged: item.privileged))
                continue
            }
            var group = groups[at]
            group.serviceTags = Self.appending(tags, to: group.serviceTags)
            group.manifest = group.manifest.isEmpty ? item.stepConfig : group.manifest + "\n" + item.stepConfig
            group.volumes = Array(Set(group.volumes + item.volumes)).sorted()
            if item.configImage != group.image {
                warnings.append(
                    "\(item.configVolume): config image \(item.configImage) does not match \(group.image), the first one is used")
            }
            groups[at] = group
        }
        return (groups, warnings)
    }

    /// `existing` followed by those of `tags` it does not have yet.
    static func appending(_ tags: String, to existing: String) -> String {
        var names = existing.split(separator: ",").map(String.init)
        for name in tags.split(separator: ",").map(String.init) where !names.contains(name) { names.append(name) }
        return names.joined(separator: ",")
    }

    /// The tags of one entry without empty names or surrounding blanks (`" a, ,b"` → `a,b`).
    static func cleanTags(_ tags: String?) -> String {
        (tags ?? "").split(separator: ",").map { $0.trimmingBlanks }.filter { !$0.isEmpty }.joined(separator: ",")
    }
}

extension Substring {
    /// Without leading and trailing spaces, tabs and newlines.
    fileprivate var trimmingBlanks: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: blank).reversed().drop(while: blank).reversed())
    }
}
