public import YAML

/// Where tag discovery (`tag_from_label`) and `modify_only_with_labels` read image tags and labels:
/// a registry client in production, ``InMemoryLabelSource`` in tests. Evaluation asks a source only
/// when an entry needs it, so a run without tag discovery opens no connection.
///
/// Images are named as tripleo-common's `urlparse('docker://' + image)` splits them: `registry` is the
/// netloc (`quay.io`, `192.168.24.1:8787`), `repository` the path without the leading `/`.
public protocol ImageLabelSource: Sendable {
    /// The repository's tags in registry order (`GET /v2/<repository>/tags/list`).
    /// - Throws: ``ImagePrepareError/imageNotFound(_:)`` when the repository does not exist, or the
    ///   client's own error.
    func tags(registry: String, repository: String) throws -> [String]

    /// The config labels of `registry/repository:tag`, in the image's order (empty when it has none).
    /// - Throws: ``ImagePrepareError/imageNotFound(_:)`` when there is no such manifest.
    func labels(registry: String, repository: String, tag: String) throws -> [(key: String, value: YAMLValue)]

    /// Whether `registry/repository:tag` exists, asked without listing the repository's tags (a
    /// registry answers a `HEAD` of the manifest). A tag that exists is in the tag list.
    func tagExists(registry: String, repository: String, tag: String) throws -> Bool
}

/// An ``ImageLabelSource`` over a fixed set of images, for tests and offline evaluation.
public struct InMemoryLabelSource: ImageLabelSource, Sendable {
    /// One image: its full name without tag (`quay.io/t/openstack-nova-api`), tag and labels.
    public struct Image: Sendable {
        /// The full name without tag.
        public var name: String
        /// One tag of it.
        public var tag: String
        /// The config labels of `name:tag`.
        public var labels: [(key: String, value: YAMLValue)]

        /// An image.
        public init(_ name: String, tag: String, labels: [(key: String, value: YAMLValue)] = []) {
            self.name = name
            self.tag = tag
            self.labels = labels
        }
    }

    /// The images, in the order their tags are listed.
    public var images: [Image]

    /// A source holding `images`.
    public init(_ images: [Image]) { self.images = images }

    /// The tags of the images named `registry/repository`, in the order given.
    public func tags(registry: String, repository: String) throws -> [String] {
        let name = "\(registry)/\(repository)"
        let tags = images.filter { $0.name == name }.map(\.tag)
        guard !tags.isEmpty else { throw ImagePrepareError.imageNotFound("Not found image: docker://\(name)") }
        return tags
    }

    /// The labels of `registry/repository:tag`.
    public func labels(registry: String, repository: String, tag: String) throws -> [(key: String, value: YAMLValue)] {
        let name = "\(registry)/\(repository)"
        guard let image = images.first(where: { $0.name == name && $0.tag == tag }) else {
            throw ImagePrepareError.imageNotFound("Not found image: docker://\(name):\(tag)")
        }
        return image.labels
    }

    /// Whether an image is named `registry/repository:tag`.
    public func tagExists(registry: String, repository: String, tag: String) throws -> Bool {
        let name = "\(registry)/\(repository)"
        return images.contains { $0.name == name && $0.tag == tag }
    }
}
