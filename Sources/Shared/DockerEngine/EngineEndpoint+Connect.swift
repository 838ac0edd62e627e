/// Connecting the way Kolla's modules take their options: `docker_host`, `container_engine`,
/// `api_version`, `client_timeout` (shared by `kolla_docker` and `kolla_container_facts`).
extension EngineEndpoint {
    /// Why `connect(host:engine:apiVersion:timeoutSeconds:)` failed.
    public enum ConnectFailure: Error, Equatable, CustomStringConvertible {
        /// `host` is none of `unix:///PATH`, `/PATH`, `tcp://HOST:PORT`.
        case badEndpoint(String)
        /// The daemon could not be reached or its API version is unusable.
        case engine(EngineError)

        /// An operator sentence (the daemon's wording for engine errors).
        public var description: String {
            switch self {
            case .badEndpoint(let endpoint): return "docker_host: '\(endpoint)' must be unix:///PATH, /PATH or tcp://HOST:PORT"
            case .engine(let error): return error.description
            }
        }
    }

    /// A negotiated client for a daemon, with the node's stored registry logins (``StoredLogins/load()``).
    /// - Parameters:
    ///   - host: `unix:///PATH`, `/PATH` or `tcp://HOST:PORT`; `nil` or empty for the usual socket of `engine`.
    ///   - engine: `docker` (default) or `podman`, which picks the usual socket.
    ///   - apiVersion: `"auto"` (default: negotiate) or a version such as `"1.41"`.
    ///   - timeoutSeconds: per-step wait limit (default 120, docker-py's; at least 1).
    /// - Throws: `ConnectFailure`.
    public static func connect(
        host: String?, engine: String? = nil, apiVersion: String? = nil, timeoutSeconds: Int? = nil
    ) throws(ConnectFailure) -> EngineClient {
        let endpoint = host.flatMap { $0.isEmpty ? nil : $0 } ?? defaultSocket(engine: engine ?? "docker")
        let timeout = Duration.seconds(max(1, timeoutSeconds ?? defaultTimeoutSeconds))
        guard let transport = transport(endpoint, timeout: timeout) else { throw .badEndpoint(endpoint) }
        do {
            var client = try EngineClient.connect(transport: transport, apiVersion: apiVersion ?? "auto", timeout: timeout)
            client.storedLogins = StoredLogins.load()
            return client
        } catch {
            throw .engine(error)
        }
    }
}
