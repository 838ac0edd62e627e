public import HTTP

/// Where a daemon listens: `unix:///path`, a bare `/path`, or `tcp://host:port`. The one home of
/// the connection defaults: no `docker_host` (or an empty one) means the usual socket of the engine
/// (`docker` unless a module's `container_engine`/`container_cli` says `podman`), and each step waits
/// at most ``defaultTimeoutSeconds``. No module reads `DOCKER_HOST`: Kolla and TripleO name the daemon
/// by option only. (HTTP's `UnixSocketTransport()` keeps its own `/var/run/docker.sock` default, which
/// a transport test states.)
public enum EngineEndpoint {
    /// Docker's socket.
    public static let dockerSocket = "/var/run/docker.sock"
    /// Podman's (root) socket.
    public static let podmanSocket = "/run/podman/podman.sock"
    /// docker-py's per-step wait limit.
    public static let defaultTimeoutSeconds = 120

    /// The usual socket of each engine.
    public static func defaultSocket(engine: String) -> String {
        "unix://" + (engine == "podman" ? podmanSocket : dockerSocket)
    }

    /// A transport for `endpoint`, or `nil` when it is not one of the three forms.
    public static func transport(_ endpoint: String, timeout: Duration) -> (any HTTPTransport)? {
        if endpoint.hasPrefix("tcp://") {
            let rest = endpoint.dropFirst("tcp://".count)
            guard let colon = rest.lastIndex(of: ":"), let port = UInt16(rest[rest.index(after: colon)...]) else { return nil }
            return TCPTransport(host: String(rest[..<colon]), port: port, timeout: timeout)
        }
        let path = endpoint.hasPrefix("unix://") ? String(endpoint.dropFirst("unix://".count)) : endpoint
        guard path.hasPrefix("/") else { return nil }
        return UnixSocketTransport(path: path, timeout: timeout)
    }
}
