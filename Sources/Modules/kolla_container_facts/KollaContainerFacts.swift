import DockerEngine
import JSON
public import ModuleKit

/// `kolla_container_facts`: Kolla-Ansible 23's read-only container and volume facts (inspect
/// data, environments, states, volumes, names) from the Docker Engine API or Podman's compatible API.
/// User docs: collection/plugins/modules/kolla_container_facts.yml.
public enum KollaContainerFacts: AnsibleModule {
    public static let name = "kolla_container_facts"
    public static let summary = "Read container and volume facts (Kolla-compatible)"
    public static let spec = ModuleSpec(
        supportsCheckMode: true,
        [
            .str("container_engine", default: "docker", choices: ["docker", "podman"]),
            .list("name", of: .str, default: []),
            .str("api_version", default: "auto"),
            .str("action", required: true, choices: FactsAction.allCases.map(\.rawValue)),
            .dict("args", default: [:], options: ModuleSpec([.bool("get_all_containers", default: false)])),
            .str("docker_host"),
            .int("client_timeout", default: 120),
        ],
        requiredIf: [
            .init("action", .string(FactsAction.containersEnv.rawValue), ["name"]),
            .init("action", .string(FactsAction.containersState.rawValue), ["name"]),
        ])

    /// Connects, gathers the action's one result key; `changed` and `result` are always false.
    public static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        try run(params, on: host, engine: nil)
    }

    /// Runs on `injected`, or on the daemon the options name (tests pass one on recorded replies).
    static func run(_ params: Params, on host: Host, engine injected: EngineClient?) throws -> ModuleResult {
        guard let action = FactsAction(rawValue: params.text("action")) else {
            throw ModuleFailure("action: unknown action")  // unreachable: the spec's choices
        }
        let engine: EngineClient
        if let injected {
            engine = injected
        } else {
            do {
                engine = try EngineEndpoint.connect(
                    host: params.string("docker_host"), engine: params.string("container_engine"),
                    apiVersion: params.string("api_version"), timeoutSeconds: params.int("client_timeout"))
            } catch {
                throw ModuleFailure(error.description)
            }
        }
        let facts = ContainerFacts(
            engine: engine, names: params.strings("name"),
            allContainers: params.options("args").bool("get_all_containers"))
        let gathered: (key: String, value: JSONValue)
        do {
            gathered = try facts.gather(action)
        } catch let error as EngineError {
            throw ModuleFailure(error.description)
        }
        var result = ModuleResult(changed: false)
        result.set("result", .bool(false))
        result.set(gathered.key, gathered.value)
        return result
    }
}
