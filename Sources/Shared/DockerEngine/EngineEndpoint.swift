public import HTTP

/// Where a daemon listens: `unix:///path`, a bare `/path`, or `tcp://host:port`.
public enum EngineEndpoint {
    /// The usual socket of each engine.
    public static func defaultSocket(engine: String) -> String {
        engine == "podman" ? "unix:///run/podman/podman.sock" : "unix:///var/run/docker.sock"
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
