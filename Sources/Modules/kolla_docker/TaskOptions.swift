import DockerEngine
import JSON
import ModuleKit

/// The options about the task rather than the container (`ContainerSpec`): the daemon, the
/// registry login, `ignore_missing`, and the bulk run's `services`/`workers`.
struct TaskOptions {
    /// The validated task, which `reconcile_containers` entries inherit from.
    var params: Params
    /// What `EngineConnection` reads: `docker_host`, `container_engine`, `api_version`, `client_timeout`.
    var connection: JSONObject
    var ignoreMissing: Bool
    /// Registry credentials from `auth_*` (used only when `auth_username` is set, as Kolla does).
    var registryAuth: RegistryAuth?
    /// Threads for `reconcile_containers` (1 to 32).
    var workers: Int

    /// `merged` is `params` with `common_options` merged (`CommonOptions.merge`).
    init(_ params: Params, merged: JSONObject) {
        self.params = params
        connection = JSONObject(
            ["docker_host", "container_engine", "api_version", "client_timeout"].compactMap { key in merged[key].map { (key, $0) } })
        ignoreMissing = merged["ignore_missing"]?.boolValue ?? false
        if let user = merged["auth_username"]?.stringValue, !user.isEmpty {
            registryAuth = RegistryAuth(
                username: user, password: merged["auth_password"]?.stringValue ?? "",
                serverAddress: merged["auth_registry"]?.stringValue ?? "")
        }
        workers = max(1, min(merged["workers"]?.intValue ?? 4, 32))
    }
}
