import DockerEngine
import JSON
public import ModuleKit
import Platform

/// `tripleo_container_manage`: applies one step's container startup definitions (THT
/// `docker_config`) the way paunch 7.0.4 / tripleo-ansible's module of the same name do, on the
/// Docker Engine API: orphans of the `config_id` removed, changed definitions recreated, groups of
/// the same `start_order` started together, one-shot containers and `action: exec` checked against
/// their `exit_codes`. User docs: collection/plugins/modules/tripleo_container_manage.yml.
public enum TripleoContainerManage: AnsibleModule {
    public static let name = "tripleo_container_manage"
    public static let summary = "Apply a step's container startup definitions (paunch / tripleo_container_manage)"
    public static let spec = ModuleSpec(
        supportsCheckMode: true,
        [
            .str("config_id", required: true),
            .path("config_dir"),
            .str("config_patterns", default: "*.json"),
            .dict("containers"),
            .dict("config_overrides", default: [:]),
            .str("managed_by", default: "tripleo_ansible"),
            .dict("labels", default: [:]),
            .bool("clean_orphans", default: true),
            .int("concurrency", default: 4),
            .int("log_tail", default: 20),
            .path("state_dir", default: "/var/lib/tripleo-config/container-manage-state"),
            .bool("print_requests", default: false),
            .str("docker_host"),
            .str("api_version", default: "auto"),
            .int("client_timeout", default: 120),
        ],
        mutuallyExclusive: [["config_dir", "containers"]], requiredOneOf: [["config_dir", "containers"]])

    public static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        try run(params, on: host, engine: nil)
    }

    /// Runs on `injected`, or on the daemon the options name (tests pass one on recorded replies).
    static func run(_ params: Params, on host: Host, engine injected: EngineClient?) throws -> ModuleResult {
        let configID = params.text("config_id")
        guard !configID.isEmpty else { throw ModuleFailure("config_id: must not be empty") }
        let definitions = try DefinitionSource.load(params, files: host.files)
        var labels = StartupRequest.Labels(configID: configID, managedBy: params.text("managed_by"))
        labels.extra = (params.object("labels")).map { ($0.key, AnsibleTypes.str($0.value)) }
        if params.bool("print_requests") { return try printRequests(definitions, labels: labels) }
        let concurrency = params.number("concurrency")
        guard concurrency >= 1 else { throw ModuleFailure("concurrency: must be at least 1, got \(concurrency)") }
        let engine: EngineSession
        do {
            engine =
                try injected.map(EngineSession.init(client:))
                ?? EngineSession(
                    host: params.string("docker_host"), apiVersion: params.string("api_version"), timeoutSeconds: params.int("client_timeout"))
        } catch {
            throw ModuleFailure("docker_host: \(error)")
        }
        let apply = StepApply(
            definitions: definitions, labels: labels, engine: engine, checkMode: host.checkMode, diffMode: host.diffMode,
            cleanOrphans: params.bool("clean_orphans"), concurrency: concurrency, logTail: max(0, params.number("log_tail")),
            stateDir: params.text("state_dir"))
        return try apply.run()
    }

    /// The debug face (`paunch debug --action print-cmd`): each container's engine request, nothing sent.
    static func printRequests(_ definitions: [Definition], labels: StartupRequest.Labels) throws -> ModuleResult {
        var requests = JSONObject()
        for d in definitions {
            switch d.action {
            case .run: requests[d.name] = ["create": try StartupRequest.body(d, labels: labels)]
            case .exec: requests[d.name] = ["exec": try StartupRequest.execBody(d), "container": .string(d.execTarget ?? "")]
            }
        }
        var result = ModuleResult(changed: false)
        result.set("requests", .object(requests))
        return result
    }
}

/// Where the definitions come from: `<config_dir>/<config_patterns>` (name = file stem) or the
/// inline `containers`, then `config_overrides` key by key (tripleo-ansible's module).
enum DefinitionSource {
    static func load(_ params: Params, files: any FileSystem) throws -> [Definition] {
        var raw = JSONObject()
        if let inline = params.dict("containers") {
            raw = inline
        } else if let dir = params.string("config_dir") {
            let pattern = params.text("config_patterns")
            let paths: [String]
            do { paths = try Glob.expand(Glob.escape(dir) + "/" + pattern) } catch { throw ModuleFailure("config_dir: \(error)") }
            for path in paths.sorted() {
                let base = Paths.basename(path)
                guard !base.hasPrefix("hashed-") else { continue }
                let stem = base.hasSuffix(".json") ? String(base.dropLast(5)) : base
                let bytes: [UInt8]?
                do { bytes = try files.read(path) } catch { throw ModuleFailure("config_dir: cannot read \(path): \(error)") }
                guard let bytes else { continue }
                do {
                    raw[stem] = try JSONParser().parse(bytes)
                } catch {
                    throw ModuleFailure("config_dir: \(path) is not valid JSON: \(error)")
                }
            }
        }
        for (name, override) in params.object("config_overrides") {
            guard let changes = override.objectValue else {
                throw ModuleFailure("config_overrides: \(name): expected a dict of keys, got \(override.pythonTypeName)")
            }
            guard var definition = raw[name]?.objectValue else { continue }
            for (key, value) in changes { definition[key] = value }
            raw[name] = .object(definition)
        }
        return try raw.map { entry throws(ModuleFailure) in try Definition(name: entry.key, value: entry.value) }
    }
}
