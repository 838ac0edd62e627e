/// Whether a registry host counts as insecure for `DockerInsecureRegistryAddress`.
///
/// tripleo-common probes `https://<host>` (TLS error twice → insecure; TLS error then success
/// without verification → insecure but still https; anything else, including an unreachable host
/// → secure). Evaluation here opens no connection, so the caller says which hosts are insecure:
/// `container_image_prepare` probes the run's push destinations first
/// (``ImagePreparation/pushDestinations(environment:roles:)``) and passes what it found.
public protocol RegistrySecurity {
    /// Whether `host` (`host[:port]`, the first path segment of an image name) is insecure.
    func isInsecure(_ host: String) -> Bool
}

/// Insecure hosts given as a list; the registries tripleo-common knows to be secure stay secure.
public struct KnownRegistries: RegistrySecurity, Sendable {
    /// tripleo-common's `SECURE_REGISTRIES` (never probed, never insecure).
    public static let alwaysSecure: Set<String> = [
        "trunk.registry.rdoproject.org", "registry.redhat.io", "registry.access.redhat.com", "docker.io", "registry-1.docker.io",
    ]

    /// Hosts to report as insecure.
    public var insecure: Set<String>

    /// - Parameter insecure: hosts to report as insecure (for example the undercloud registry, which
    ///   serves plain http on 8787).
    public init(insecure: Set<String> = []) { self.insecure = insecure }

    /// Whether `host` was named insecure (and is not one of ``alwaysSecure``).
    public func isInsecure(_ host: String) -> Bool {
        !Self.alwaysSecure.contains(host) && insecure.contains(host)
    }
}
