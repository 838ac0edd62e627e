import DockerEngine
import JSON
import ModuleKit

/// What each action reads from the engine, shaped as Kolla 23 returns it. Read-only.
struct ContainerFacts {
    let engine: EngineClient
    /// `name`: the containers (or volumes) asked about; empty means all.
    let names: [String]
    /// `args.get_all_containers`: `get_containers` includes stopped and created containers.
    let allContainers: Bool

    /// The action's result key and value.
    /// - Throws: `ModuleFailure` "No such container: x" for a named container that does not exist
    ///   (env and state); `EngineError` when the daemon fails.
    func gather(_ action: FactsAction) throws -> (key: String, value: JSONValue) {
        switch action {
        case .containers: return (action.resultKey, .object(try containers()))
        case .containersEnv: return (action.resultKey, .object(try perName { .object(Self.environment($0.config.env)) }))
        case .containersState: return (action.resultKey, .object(try perName { .string($0.state.status ?? "") }))
        case .volumes: return (action.resultKey, .object(try volumes()))
        case .containersNames: return (action.resultKey, .array(try runningNames().map { .string($0) }))
        }
    }

    /// `get_containers`: name → full inspect data without `State.Health.Log`, in the engine's list
    /// order; running containers only unless `allContainers`; only `names` when given (absent ones
    /// are left out, as in Kolla).
    func containers() throws(EngineError) -> JSONObject {
        var out = JSONObject()
        for summary in try engine.containers(all: allContainers) where names.isEmpty || names.contains(where: summary.isNamed) {
            guard let inspect = try engine.container(named: summary.id) else { continue }  // removed meanwhile
            guard names.isEmpty || names.contains(inspect.name) else { continue }
            out[inspect.name] = Self.withoutHealthLog(inspect.raw)
        }
        return out
    }

    /// `get_containers_env` / `get_containers_state`: one value per name, in `names` order.
    func perName(_ value: (ContainerInspect) -> JSONValue) throws -> JSONObject {
        var out = JSONObject()
        for name in names {
            guard let inspect = try engine.container(named: name) else { throw ModuleFailure("No such container: \(name)") }
            out[name] = value(inspect)
        }
        return out
    }

    /// `get_volumes`: name → the volume as `GET /volumes` lists it; only `names` when given.
    func volumes() throws(EngineError) -> JSONObject {
        var out = JSONObject()
        for volume in try engine.volumes() where names.isEmpty || names.contains(volume.name) {
            out[volume.name] = volume.raw
        }
        return out
    }

    /// `get_containers_names`: the names of the running containers (Kolla ignores `name` and `args` here).
    func runningNames() throws(EngineError) -> [String] {
        try engine.containers(all: false).compactMap { summary in
            // The container's own name is the one entry with no further `/` (others are legacy links).
            summary.names.first { !$0.dropFirst().contains("/") }.map { String($0.dropFirst()) }
        }
    }

    /// `Env` as Kolla's `_remap_envs`: split on the first `=`, no `=` → "", a later key wins in place.
    static func environment(_ env: [String]) -> JSONObject {
        var out = JSONObject()
        for entry in env {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            out[String(parts.first ?? "")] = .string(parts.count > 1 ? String(parts[1]) : "")
        }
        return out
    }

    /// Inspect data without `State.Health.Log` (it can hold megabytes; Kolla drops it too).
    static func withoutHealthLog(_ inspect: JSONValue) -> JSONValue {
        guard case .object(var container) = inspect, case .object(var state)? = container["State"],
            case .object(var health)? = state["Health"], health.contains("Log")
        else { return inspect }
        health["Log"] = nil
        state["Health"] = .object(health)
        container["State"] = .object(state)
        return .object(container)
    }
}
