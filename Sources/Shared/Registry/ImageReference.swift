import ContainerNotation

/// `registry/repository[:tag][@digest]` as TripleO names images: the first path segment is always
/// the registry (`quay.io`, `192.168.24.1:8787`, `docker.io`). Parsed by ``ImageName/tripleo(_:)``.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The registry as named (`docker.io`, not its API host): credentials are looked up by this.
    public var registry: String
    /// The repository (`tripleomaster/openstack-nova-api`).
    public var repository: String
    /// The tag or digest the image is asked for by (`latest` when neither is given).
    public var reference: String

    /// Parses `name`.
    /// - Throws: ``RegistryError/invalidReference(_:)`` when there is no registry or repository.
    public init(_ name: String) throws(RegistryError) {
        guard let parts = ImageName.tripleo(name) else { throw .invalidReference("\(name): expected registry/repository[:tag]") }
        (registry, repository, reference) = parts
    }

    /// A reference from its parts.
    public init(registry: String, repository: String, reference: String) {
        self.registry = registry
        self.repository = repository
        self.reference = reference
    }

    /// Whether ``reference`` is a digest (`sha256:…`).
    public var isDigest: Bool { reference.contains(":") }

    /// The same repository at another tag or digest.
    public func with(reference: String) -> ImageReference {
        ImageReference(registry: registry, repository: repository, reference: reference)
    }

    public var description: String { registry + "/" + repository + (isDigest ? "@" : ":") + reference }
}
