import DockerEngine
import JSON
import ModuleKit

/// Which daemon to talk to: `docker_host`, else the usual socket of `container_engine`.
enum EngineConnection {
    static func connect(_ options: JSONObject) throws(ModuleFailure) -> EngineClient {
        do {
            return try EngineEndpoint.connect(
                host: options["docker_host"]?.stringValue, engine: options["container_engine"]?.stringValue,
                apiVersion: options["api_version"]?.stringValue, timeoutSeconds: options["client_timeout"]?.intValue)
        } catch {
            throw ModuleFailure(error.description)
        }
    }

    /// Whether the daemon runs on this host (a unix socket, not `tcp://`), so its containers'
    /// processes are visible in this host's `/proc`.
    static func isLocal(_ options: JSONObject) -> Bool {
        !(options["docker_host"]?.stringValue ?? "").hasPrefix("tcp://")
    }
}
