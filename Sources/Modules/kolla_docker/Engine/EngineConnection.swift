import DockerEngine
import HTTP
import JSON
import ModuleKit

/// Which daemon to talk to: `docker_host` (`unix:///path`, `/path` or `tcp://host:port`), else the
/// engine's usual socket (Docker `/var/run/docker.sock`, Podman `/run/podman/podman.sock`).
enum EngineConnection {
    static func endpoint(_ options: JSONObject) -> String {
        if let host = options["docker_host"]?.stringValue, !host.isEmpty { return host }
        return options["container_engine"]?.stringValue == "podman" ? "unix:///run/podman/podman.sock" : "unix:///var/run/docker.sock"
    }

    static func connect(_ options: JSONObject) throws -> EngineClient {
        let endpoint = endpoint(options)
        let seconds = options["client_timeout"]?.intValue ?? 120
        let timeout = Duration.seconds(max(1, seconds))
        let transport: any HTTPTransport
        if endpoint.hasPrefix("tcp://") {
            let rest = endpoint.dropFirst("tcp://".count)
            guard let colon = rest.lastIndex(of: ":"), let port = UInt16(rest[rest.index(after: colon)...]) else {
                throw ModuleFailure("docker_host: '\(endpoint)' must be unix:///PATH or tcp://HOST:PORT")
            }
            transport = TCPTransport(host: String(rest[..<colon]), port: port, timeout: timeout)
        } else {
            let path = endpoint.hasPrefix("unix://") ? String(endpoint.dropFirst("unix://".count)) : endpoint
            transport = UnixSocketTransport(path: path, timeout: timeout)
        }
        do {
            return try EngineClient.connect(transport: transport, apiVersion: options["api_version"]?.stringValue ?? "auto", timeout: timeout)
        } catch {
            throw ModuleFailure(error.description)
        }
    }
}
