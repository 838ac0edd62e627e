/// Where a registry's API lives and how to reach it: `http` for insecure registries, `https`
/// without certificate verification for no-verify ones, `https` otherwise. `docker.io` is served by
/// `registry-1.docker.io`; a mirror (`DockerRegistryMirror`) replaces it for reads.
///
/// A registry named in neither list is probed once per run like tripleo-common's
/// `is_insecure_registry`: `GET https://host/v2/`; a TLS failure → the same without verification;
/// a second TLS failure → plain http. Any other outcome (an answer, refused, timeout) → https.
actor EndpointResolver {
    /// A registry's base URL and certificate policy.
    struct Endpoint: Sendable, Equatable {
        /// `https://host:port` (or a mirror's base, without trailing `/`).
        var base: String
        /// Verify the server certificate.
        var verify: Bool
    }

    private let insecure: Set<String>
    private let noVerify: Set<String>
    private let mirrors: [String: String]
    private let probe: Bool
    private let transport: any RegistryTransport
    private var probed: [String: Endpoint] = [:]
    private var probing: [String: Task<Endpoint, Never>] = [:]

    init(insecure: Set<String>, noVerify: Set<String>, mirrors: [String: String], probe: Bool, transport: any RegistryTransport) {
        self.insecure = insecure
        self.noVerify = noVerify
        self.mirrors = mirrors
        self.probe = probe
        self.transport = transport
    }

    /// tripleo-common's `SECURE_REGISTRIES`: never probed.
    static let alwaysSecure: Set<String> = [
        "trunk.registry.rdoproject.org", "registry.redhat.io", "registry.access.redhat.com", "docker.io", "registry-1.docker.io",
    ]

    /// The API host of a registry name.
    static func apiHost(_ registry: String) -> String { registry == "docker.io" ? "registry-1.docker.io" : registry }

    /// The endpoint for `registry`; `forReading` allows its mirror.
    func endpoint(for registry: String, forReading: Bool) async -> Endpoint {
        if forReading, let mirror = mirrors[registry] ?? mirrors[Self.apiHost(registry)] {
            var base = mirror
            while base.hasSuffix("/") { base.removeLast() }
            return Endpoint(base: base, verify: true)
        }
        let host = Self.apiHost(registry)
        if insecure.contains(registry) || insecure.contains(host) { return Endpoint(base: "http://" + host, verify: true) }
        if noVerify.contains(registry) || noVerify.contains(host) { return Endpoint(base: "https://" + host, verify: false) }
        if !probe || Self.alwaysSecure.contains(registry) { return Endpoint(base: "https://" + host, verify: true) }
        if let known = probed[host] { return known }
        if let running = probing[host] { return await running.value }
        let transport = self.transport
        let task = Task { await Self.probe(host, transport: transport) }
        probing[host] = task
        let found = await task.value
        probed[host] = found
        probing[host] = nil
        return found
    }

    private static func probe(_ host: String, transport: any RegistryTransport) async -> Endpoint {
        let secure = Endpoint(base: "https://" + host, verify: true)
        func attempt(verify: Bool) async -> TransportError? {
            do {
                let response = try await transport.send(
                    TransportRequest(method: "GET", url: "https://\(host)/v2/", verifyCertificate: verify, timeout: 30))
                await response.body.drain()
                return nil
            } catch let error as TransportError {
                return error
            } catch {
                return .other("\(error)")
            }
        }
        guard case .tls? = await attempt(verify: true) else { return secure }
        guard case .tls? = await attempt(verify: false) else { return Endpoint(base: "https://" + host, verify: false) }
        return Endpoint(base: "http://" + host, verify: true)
    }
}
