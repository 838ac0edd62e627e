/// `registry/repository[:tag][@digest]` as TripleO names images: the first path segment is always
/// the registry (`quay.io`, `192.168.24.1:8787`, `docker.io`).
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
        var rest = Substring(name)
        if rest.hasPrefix("docker://") { rest = rest.dropFirst("docker://".count) }
        guard let slash = rest.firstIndex(of: "/") else { throw .invalidReference("\(name): expected registry/repository[:tag]") }
        registry = String(rest[..<slash])
        var path = rest[rest.index(after: slash)...]
        if let at = path.firstIndex(of: "@") {
            reference = String(path[path.index(after: at)...])
            path = path[..<at]
        } else if let colon = path.lastIndex(of: ":"), !path[colon...].contains("/") {
            reference = String(path[path.index(after: colon)...])
            path = path[..<colon]
        } else {
            reference = "latest"
        }
        repository = String(path)
        if (registry == "docker.io" || registry == "registry-1.docker.io") && !repository.contains("/") {
            repository = "library/" + repository
        }
        guard !registry.isEmpty, !repository.isEmpty, !reference.isEmpty else {
            throw .invalidReference("\(name): expected registry/repository[:tag]")
        }
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
