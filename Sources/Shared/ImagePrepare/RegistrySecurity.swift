/// Whether a registry host counts as insecure for `DockerInsecureRegistryAddress`.
///
/// tripleo-common probes `https://<host>` (TLS error twice → insecure; TLS error then success
/// without verification → insecure but still https; anything else, including an unreachable host
/// → secure). Evaluation itself opens no connection: ``isInsecure(_:)`` answers from what is known,
/// and ``isInsecurePushDestination(_:)`` — asked for the hosts images are pushed to, including the
/// undercloud registry — is where a probing implementation may look (the module's does, once per host).
public protocol RegistrySecurity {
    /// Whether `host` (`host[:port]`, the first path segment of an image name) is known to be insecure.
    func isInsecure(_ host: String) -> Bool
    /// Whether `host`, a push destination of the run, is insecure (may probe it).
    func isInsecurePushDestination(_ host: String) -> Bool
}

extension RegistrySecurity {
    /// Without probing: what ``isInsecure(_:)`` says.
    public func isInsecurePushDestination(_ host: String) -> Bool { isInsecure(host) }
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
