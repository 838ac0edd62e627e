import ImagePrepare
import Platform
import Registry

/// `DockerInsecureRegistryAddress` as tripleo-common decides it: `insecure_registries` and
/// `no_verify_registries` are insecure, tripleo-common's secure registries are secure, and a push
/// destination (the undercloud registry included) named in neither is probed through the run's
/// registry client — `GET https://host/v2/`, a TLS failure twice → insecure — once per host per run,
/// also in `dry_run` and check mode (the probe only reads). Other hosts are not probed.
final class ProbedRegistries: RegistrySecurity, Sendable {
    private let forced: Set<String>
    private let client: RegistryClient?
    private let found = Locked<[String: Bool]>([:])

    /// - Parameters:
    ///   - forced: hosts insecure without a probe.
    ///   - client: the run's client (`nil`: no registry access, nothing is probed).
    init(forced: Set<String>, client: RegistryClient?) {
        self.forced = forced
        self.client = client
    }

    func isInsecure(_ host: String) -> Bool {
        if KnownRegistries.alwaysSecure.contains(host) { return false }
        if forced.contains(host) { return true }
        return found.withLock { $0[host] } ?? false
    }

    func isInsecurePushDestination(_ host: String) -> Bool {
        if KnownRegistries.alwaysSecure.contains(host) || forced.contains(host) { return isInsecure(host) }
        if let known = found.withLock({ $0[host] }) { return known }
        guard let client else { return false }
        let insecure = (try? Blocking.run { await client.isInsecure(registry: host) }) ?? false
        found.withLock { $0[host] = insecure }
        return insecure
    }
}
