import JSON
import ModuleKit

/// Kolla's `common_options` merge (`generate_module`), as one table.
///
/// An option the task sets wins. An option it leaves unset takes `common_options[name]` when
/// present (converted to the option's type, so Kolla's `"10"` becomes 10), else the default
/// below. `environment` is the union of both, the task's keys winning. Only the options listed
/// here are taken from `common_options`; its other keys are ignored, as Kolla ignores them.
enum CommonOptions {
    /// Option, type, default when neither the task nor `common_options` sets it.
    static let table: [(name: String, type: ParamType, fallback: JSONValue?)] = [
        ("api_version", .str, "auto"), ("auth_email", .str, nil), ("auth_password", .str, nil),
        ("auth_registry", .str, nil), ("auth_username", .str, nil), ("restart_policy", .str, nil),
        ("restart_retries", .int, 10), ("graceful_timeout", .int, 10), ("client_timeout", .int, 120),
        ("container_engine", .str, "docker"), ("docker_host", .str, nil),
    ]

    /// The task's options with `common_options` merged in.
    static func merge(_ params: Params) throws(ModuleFailure) -> JSONObject {
        var merged = params.values
        let common = params.dict("common_options") ?? JSONObject()
        for entry in table where params[entry.name] == nil {
            if let value = common[entry.name], !value.isNull {
                merged[entry.name] = try AnsibleTypes.convert(value, to: entry.type, option: "common_options.\(entry.name)")
            } else if let fallback = entry.fallback {
                merged[entry.name] = fallback
            }
        }
        var environment = JSONObject()
        if let commonEnv = common["environment"], !commonEnv.isNull {
            guard case .object(let o) = commonEnv else { throw ModuleFailure("common_options.environment must be a mapping") }
            environment = o
        }
        for (k, v) in params.dict("environment") ?? JSONObject() { environment[k] = v }
        merged["environment"] = .object(environment)
        // Kolla drops falsy pid/ipc modes: '' means "not set".
        for key in ["pid_mode", "ipc_mode"] where merged[key]?.stringValue == "" { merged[key] = nil }
        return merged
    }
}
