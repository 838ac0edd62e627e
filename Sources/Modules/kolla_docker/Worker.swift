import DockerEngine
import JSON
import ModuleKit

/// Carries out one action for one container definition against an engine: decide, then do
/// (check mode stops at deciding), and record what happened for the result.
struct Worker {
    let engine: EngineClient
    let task: TaskOptions
    let spec: ContainerSpec
    let checkMode: Bool
    /// Whether to return `diff` (Ansible's `--diff`) for the actions that compare.
    var diffMode = false
    /// Image inspections for comparing; a bulk run shares one among its workers.
    var images = ImageLookup()
    /// The daemon's flavour when already known (a bulk run asks once); else asked on first use.
    var knownFlavor: EngineFlavor? = nil
    /// What this run did, for the result.
    let journal = Journal()
    private let asked = AskedFlavor()

    /// The daemon's flavour, asked (`GET /version`) at most once per worker and only by the
    /// actions that compare or create containers.
    func flavor() throws -> EngineFlavor {
        if let known = knownFlavor ?? asked.flavor { return known }
        let flavor = try EngineFlavor.detect(engine)
        asked.flavor = flavor
        return flavor
    }

    private final class AskedFlavor {
        var flavor: EngineFlavor?
    }

    /// What a run did: whether anything changed (or would, in check mode), the steps in order
    /// ("Pulled image x", "Created container y", …), extra result keys (`comparison_failures`, `rc`, …)
    /// and, once compared, the differences (for `diff`).
    final class Journal {
        var changed = false
        var actions: [String] = []
        var extra = JSONObject()
        var warnings: [String] = []
        var differences: [ComparisonFailure]?
        /// A bulk run's `diff`: one per service that differs.
        var serviceDiffs: [Diff] = []

        var actionsJSON: JSONValue { .array(actions.map { .string($0) }) }
    }

    /// Runs the task on `engine`, or on the daemon the options name (tests pass one on recorded replies).
    /// A failure carries what was done before it: `changed`, `actions`, the result keys so far.
    static func run(_ params: Params, on host: Host, engine: EngineClient? = nil) throws -> ModuleResult {
        guard let action = Action(rawValue: params.string("action") ?? "") else {
            throw ModuleFailure("action: unknown action")  // unreachable: the spec's choices
        }
        let (task, spec) = try prepare(ServiceDefinitions.expand(params, moduleName: "kolla_docker"))
        let worker = Worker(
            engine: try engine ?? EngineConnection.connect(task.connection), task: task, spec: spec,
            checkMode: host.checkMode, diffMode: host.diffMode)
        let outcome: Bool
        do {
            outcome = try worker.perform(action)
        } catch {
            throw worker.failure(error)
        }
        var result = ModuleResult(changed: worker.journal.changed)
        result.warnings += worker.journal.warnings
        result.set("result", .bool(outcome))
        for (k, v) in worker.journal.extra { result.set(k, v) }
        if !worker.journal.actions.isEmpty { result.set("actions", worker.journal.actionsJSON) }
        result.diff = worker.diff
        return result
    }

    /// Validated options → `common_options` merged → the task's own options and the container, typed.
    static func prepare(_ params: Params) throws(ModuleFailure) -> (TaskOptions, ContainerSpec) {
        let merged = try CommonOptions.merge(params)
        return (TaskOptions(params, merged: merged), try ContainerSpec(merged))
    }

    /// Runs `action`; returns Kolla's `result` value.
    func perform(_ action: Action) throws -> Bool {
        switch action {
        case .compareContainer: return try compareContainer()
        case .compareImage: return try compareImage()
        case .createVolume: try createVolume()
        case .ensureImage: try ensureImage()
        case .pullImage: try pullImage()
        case .recreateOrRestartContainer: try recreateOrRestartContainer()
        case .removeContainer: try removeContainer()
        case .removeImage: try removeImage()
        case .removeVolume: try removeVolume()
        case .restartContainer: try restartContainer()
        case .startContainer: try startContainer()
        case .stopContainer: try stopContainer()
        case .stopAndRemoveContainer: try stopAndRemoveContainer()
        case .getContainerEnv: try getContainerEnv()
        case .getContainerState: try getContainerState()
        case .reconcileContainers: try reconcileContainers()
        }
        return false
    }
}
