import DockerEngine
import JSON
import ModuleKit

/// Which daemon to talk to: `docker_host`, else the usual socket of `container_engine`.
enum EngineConnection {
    static func connect(_ options: JSONObject) throws(ModuleFailure) -> EngineClient {
        let engine = options["container_engine"]?.stringValue ?? "docker"
        let endpoint = options["docker_host"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? EngineEndpoint.defaultSocket(engine: engine)
        let timeout = Duration.seconds(max(1, options["client_timeout"]?.intValue ?? 120))
        guard let transport = EngineEndpoint.transport(endpoint, timeout: timeout) else {
            throw ModuleFailure("docker_host: '\(endpoint)' must be unix:///PATH, /PATH or tcp://HOST:PORT")
        }
        do {
            return try EngineClient.connect(transport: transport, apiVersion: options["api_version"]?.stringValue ?? "auto", timeout: timeout)
        } catch {
            throw ModuleFailure(error.description)
        }
    }
}
