import ContainerNotation
public import YAML

/// `tag_from_label`: the versioned tag of each image, read from its labels (tripleo-common's
/// `discover_tag_from_inspect` and `_discover_tag_from_inspect`).
public struct TagDiscovery: Sendable {
    /// A discovered tag: `key` is the image name without its tag.
    public typealias Found = (key: String, tag: String)

    /// Where tags and labels come from.
    public var source: any ImageLabelSource

    /// Discovery over `source`.
    public init(source: any ImageLabelSource) { self.source = source }

    /// The image's parts as `urlparse('docker://' + image)` and `_image_tag_from_url` split them.
    struct Parts {
        var registry: String
        var path: String
        var repository: String
        var tag: String

        init(_ image: String) { (registry, path, repository, tag) = ImageName.tripleoCommon(image) }
    }

    /// One image's discovered tag: `(key, tag)` where `key` is the image name without its tag (the
    /// name itself when the path has no `:`), the key tripleo-common's result map uses.
    /// - Parameters:
    ///   - defaultTag: the entry's `set` has no `tag` key: if the rendered tag is not among the
    ///     repository's tags, the last listed tag is inspected instead (LP#1886547).
    /// - Throws: ``ImagePrepareError`` with tripleo-common's messages (table C of the reference).
    public func discover(_ image: String, tagFromLabel: String, defaultTag: Bool) throws -> (key: String, tag: String) {
        if let found = try discoverWithoutListing(image, tagFromLabel: tagFromLabel) { return found }
        let parts = Parts(image)
        let tags = try source.tags(registry: parts.registry, repository: parts.repository)
        var inspected = parts.tag
        if defaultTag, !tags.contains(parts.tag) {
            guard let last = tags.last else { throw ImagePrepareError.imageNotFound("Not found image: docker://\(image)") }
            inspected = last
        }
        let labels = try source.labels(registry: parts.registry, repository: parts.repository, tag: inspected)
        var key = image
        var fallback: String?
        if parts.path.contains(":") {
            let split = image.pythonRPartition(":")
            key = split.head
            fallback = split.tail
        }
        let tag = try Self.tag(from: labels, repoTags: tags, image: key, tagFromLabel: tagFromLabel, fallback: fallback)
        return (key, tag)
    }

    /// The same answer as ``discover(_:tagFromLabel:defaultTag:)`` without the tag list, when the
    /// source can confirm the resulting tag exists: the named tag's labels (it exists, so it is the
    /// one inspected, `defaultTag` or not), the label's tag, then a check that this tag exists (the
    /// tag list would contain it). `nil` (then the full discovery runs, with tripleo-common's order of
    /// requests and its messages) when the named tag is missing, the label gives no string, or that
    /// tag is missing.
    func discoverWithoutListing(_ image: String, tagFromLabel: String) throws -> (key: String, tag: String)? {
        let parts = Parts(image)
        guard !parts.repository.isEmpty, parts.path.contains(":") else { return nil }
        let labels: [(key: String, value: YAMLValue)]
        do {
            labels = try source.labels(registry: parts.registry, repository: parts.repository, tag: parts.tag)
        } catch ImagePrepareError.imageNotFound {
            return nil
        }
        let (key, _, fallback) = image.pythonRPartition(":")
        let value = try Self.labelValue(from: labels, image: key, tagFromLabel: tagFromLabel, fallback: fallback)
        guard let tag = value.stringValue, try source.tagExists(registry: parts.registry, repository: parts.repository, tag: tag) else {
            return nil
        }
        return (key, tag)
    }

    /// `_discover_tag_from_inspect`: the label's value, or the `{label}` template filled in; the
    /// fallback tag (the tag the image was named with) when the label is missing; the result must
    /// be one of the repository's tags.
    public static func tag(
        from labels: [(key: String, value: YAMLValue)], repoTags: [String], image: String, tagFromLabel: String, fallback: String?
    ) throws(ImagePrepareError) -> String {
        let value = try labelValue(from: labels, image: image, tagFromLabel: tagFromLabel, fallback: fallback)
        guard let tag = value.stringValue, repoTags.contains(tag) else {
            throw .tagDiscovery("Image \(image) has no tag \(value.pythonStr).\nAvailable tags: \(repoTags.joined(separator: ", "))")
        }
        return tag
    }

    /// The label's value (or the filled-in template, or the fallback tag), before the check that
    /// it is one of the repository's tags.
    static func labelValue(
        from labels: [(key: String, value: YAMLValue)], image: String, tagFromLabel: String, fallback: String?
    ) throws(ImagePrepareError) -> YAMLValue {
        let labelKeys = labels.map(\.key).joined(separator: ", ")
        guard !tagFromLabel.isEmpty else { throw .tagDiscovery("No label specified. Available labels: \(labelKeys)") }
        let fallback = fallback.flatMap { $0.isEmpty ? nil : $0 }
        let value: YAMLValue
        if tagFromLabel.contains("{") {
            do {
                value = .string(try PythonFormat.format(tagFromLabel, labels))
            } catch {
                switch error {
                case .valueError(let message): throw .tagDiscovery(message)
                case .unsupported(let message): throw .tagDiscovery("tag_from_label '\(tagFromLabel)': \(message)")
                case .keyError(let key):
                    guard let fallback else { throw .tagDiscovery("Image \(image) \(key). Available labels: \(labelKeys)") }
                    value = .string(fallback)
                }
            }
        } else if let found = labels.first(where: { $0.key == tagFromLabel })?.value, found != .null {
            value = found
        } else {
            guard let fallback else { throw .tagDiscovery("Image \(image) has no label \(tagFromLabel). Available labels: \(labelKeys)") }
            value = .string(fallback)
        }
        return value
    }
}
