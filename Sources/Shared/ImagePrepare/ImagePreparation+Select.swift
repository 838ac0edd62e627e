import Platform
import PythonRegex
import YAML

extension ImagePreparation {
    /// A map item an entry keeps, with its rendered (pre-discovery) name.
    struct Selected {
        var item: ImageTemplate
        var name: String
    }

    /// Renders the map for the entry's completed `set` and applies, in order: the item's condition,
    /// the service filter (an item without services never passes an active filter), `includes`
    /// (any unanchored match keeps; `excludes` are then ignored), `excludes`.
    func select(
        _ entry: PrepareEntry, index: Int, set: [(key: String, value: YAMLValue)], filter: Set<String>?
    ) throws
        -> [Selected]
    {
        let mapping = try TemplateMapping(set: set, defaults: map.defaultSet)
        let includes = try Self.compile(entry.includes, "ContainerImagePrepare[\(index)].includes")
        let excludes = try Self.compile(entry.excludes, "ContainerImagePrepare[\(index)].excludes")
        var kept: [Selected] = []
        for item in map.images where item.condition.holds(for: mapping) {
            let name = try mapping.render(item.imagename)
            if let filter, (item.services ?? []).allSatisfy({ !filter.contains($0) }) { continue }
            if !includes.isEmpty {
                guard includes.contains(where: { $0.matches(name) }) else { continue }
            } else if excludes.contains(where: { $0.matches(name) }) {
                continue
            }
            kept.append(Selected(item: item, name: name))
        }
        return kept
    }

    private static func compile(_ patterns: [String], _ place: String) throws(ImagePrepareError) -> [PythonRegex] {
        var out: [PythonRegex] = []
        for pattern in patterns {
            do {
                out.append(try PythonRegex(pattern))
            } catch {
                throw .invalidPattern("\(place): \(error)")
            }
        }
        return out
    }

    /// Images whose tags are discovered at once.
    static let discoveryWorkers = 16

    /// Tag discovery for every selected image: each name whose tag-less part was discovered gets the new tag.
    func discoverTags(_ images: [String], tagFromLabel: String, defaultTag: Bool, entry: Int) throws -> [String] {
        guard let labelSource else {
            throw ImagePrepareError.registryAccessRequired(
                "ContainerImagePrepare[\(entry)]: tag_from_label needs registry access, which this run does not have "
                    + "(give the entry a set.tag to skip tag discovery)")
        }
        let discovery = TagDiscovery(source: labelSource)
        // Up to 16 images at once (tripleo-common's thread pool); results and the error reported
        // (the first failing image in order) do not depend on timing.
        let found = ResultSlots<Swift.Result<TagDiscovery.Found, any Error>>(count: images.count)
        Concurrent.forEach(images.count, width: Self.discoveryWorkers) { index in
            found[index] = Swift.Result { try discovery.discover(images[index], tagFromLabel: tagFromLabel, defaultTag: defaultTag) }
        }
        var versions: [String: String] = [:]
        for index in images.indices {
            guard let result = found[index] else { continue }
            let image = try result.get()
            versions[image.key] = image.tag
        }
        return images.map { image in
            let head = image.pythonRPartition(":").head
            guard let tag = versions[head] else { return image }
            return head + ":" + tag
        }
    }

    /// `modify_only_with_labels`: per image, whether its config has any of the labels (read from the
    /// name before tag discovery, as upstream). Asked only when the entry has a `modify_role`.
    func selectedByLabels(_ entry: PrepareEntry, _ images: [String], index: Int) throws -> [Bool] {
        guard entry.modifyRole != nil, !entry.modifyOnlyWithLabels.isEmpty else { return images.map { _ in false } }
        guard let labelSource else {
            throw ImagePrepareError.registryAccessRequired(
                "ContainerImagePrepare[\(index)]: modify_only_with_labels needs registry access, which this run does not have")
        }
        return try images.map { image in
            let parts = TagDiscovery.Parts(image)
            let labels = try labelSource.labels(registry: parts.registry, repository: parts.repository, tag: parts.tag)
            return entry.modifyOnlyWithLabels.contains { wanted in labels.contains { $0.key == wanted } }
        }
    }
}
