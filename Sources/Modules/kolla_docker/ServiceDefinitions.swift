import JSON
import ModuleKit

/// The `services` option of `reconcile_containers`: a Kolla `<project>_services` dict (or a list
/// of the same entries), turned into one validated option set per container.
///
/// Each entry's Kolla keys become the module's options (`container_name` → `name`); keys the
/// module does not know (`group`, `haproxy`, `iterate`, …) are ignored, so a role's dict fits as
/// is. An entry whose `enabled` or `host_in_groups` is false is skipped. Options set on the task
/// itself (`common_options`, `restart_policy`, …) apply to every entry unless the entry sets them.
///
/// The `service` option is one such entry for the per-item actions (`compare_container`,
/// `recreate_or_restart_container`, …): the role passes the dict whole, so both modes give a
/// container the same options, decided here.
enum ServiceDefinitions {
    struct Entry {
        /// The dict key (or `[index]` for a list), for messages and results.
        var key: String
        /// Validated options for this container, or why they are invalid.
        var params: Result<Params, ModuleFailure>
        var skipped: Bool
    }

    /// Options a task sets for the bulk run itself, never inherited by entries.
    static let taskOnly: Set<String> = ["action", "services", "service", "workers", "name", "image", "command"]

    /// The task's options with its `service` entry's laid over them (the task unchanged without one).
    static func expand(_ params: Params, moduleName: String) throws(ModuleFailure) -> Params {
        guard let definition = params.dict("service") else { return params }
        var base = params.values
        base["service"] = nil
        return try KollaDockerSpec.spec.validate(overlay(definition, on: base), moduleName: moduleName, context: "service")
    }

    /// `base` with the definition's module options set (`container_name` is `name`; other keys ignored).
    static func overlay(_ definition: JSONObject, on base: JSONObject) -> JSONObject {
        var options = base
        for (k, v) in definition {
            let option = k == "container_name" ? "name" : k
            guard known.contains(option), !taskOnly.contains(option) || ["name", "image", "command"].contains(option) else { continue }
            options[option] = v
        }
        return options
    }

    private static let known = Set(KollaDockerSpec.spec.params.map(\.name))

    static func entries(_ params: Params, moduleName: String) throws(ModuleFailure) -> [Entry] {
        let raw: [(String, JSONValue)]
        switch params["services"] {
        case .object(let o)?: raw = o.map { ($0.key, $0.value) }
        case .array(let a)?: raw = a.enumerated().map { ("[\($0.offset)]", $0.element) }
        default: throw ModuleFailure("services: expected a mapping of service definitions (a Kolla <project>_services dict) or a list of them")
        }
        return raw.map { key, value in
            guard case .object(let definition) = value else {
                return Entry(key: key, params: .failure(ModuleFailure("services[\(key)]: expected a mapping")), skipped: false)
            }
            if isFalse(definition["enabled"]) || isFalse(definition["host_in_groups"]) {
                return Entry(key: key, params: .failure(ModuleFailure("disabled")), skipped: true)
            }
            var base = JSONObject()
            for (k, v) in params.values where !taskOnly.contains(k) { base[k] = v }
            base["action"] = "start_container"
            var options = overlay(definition, on: base)
            if options["name"] == nil { options["name"] = .string(key) }
            let validated = Result { () throws(ModuleFailure) -> Params in
                try KollaDockerSpec.spec.validate(options, moduleName: moduleName, context: "services[\(key)]")
            }
            return Entry(key: key, params: validated, skipped: false)
        }
    }

    /// Kolla's truthiness for `enabled` (absent means enabled).
    private static func isFalse(_ value: JSONValue?) -> Bool {
        guard let value, !value.isNull else { return false }
        guard case .bool(let b) = (try? AnsibleTypes.convert(value, to: .bool, option: "enabled")) ?? .bool(true) else { return false }
        return !b
    }
}
