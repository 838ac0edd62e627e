import DockerEngine
import JSON
import ModuleKit

/// Carries out one action for one container definition against an engine: decide, then do
/// (check mode stops at deciding), and record what happened for the result.
struct Worker {
    let engine: EngineClient
    let options: JSONObject
    let spec: ContainerSpec
    let checkMode: Bool
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
    /// ("Pulled image x", "Created container y", …) and extra result keys (`comparison_failures`, `rc`, …).
    final class Journal {
        var changed = false
        var actions: [String] = []
        var extra = JSONObject()
        var warnings: [String] = []

        var actionsJSON: JSONValue { .array(actions.map { .string($0) }) }
    }

    static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        let options = try CommonOptions.merge(params)
        guard let action = Action(rawValue: params.string("action") ?? "") else {
            throw ModuleFailure("action: unknown action")  // unreachable: the spec's choices
        }
        let worker = Worker(
            engine: try EngineConnection.connect(options), options: options, spec: try ContainerSpec(options),
            checkMode: host.checkMode)
        let journal = worker.journal
        let outcome: Bool
        do {
            outcome = try worker.perform(action)
        } catch let failure as ModuleFailure {
            var extra = failure.extra
            for (k, v) in journal.extra where extra[k] == nil { extra[k] = v }
            if !journal.actions.isEmpty { extra["actions"] = journal.actionsJSON }
            throw ModuleFailure(failure.msg, changed: journal.changed || failure.changed, extra: extra)
        } catch let error as EngineError {
            throw ModuleFailure(error.description, changed: journal.changed, extra: journal.actions.isEmpty ? [:] : ["actions": journal.actionsJSON])
        }
        var result = ModuleResult(changed: journal.changed)
        result.warnings += journal.warnings
        result.set("result", .bool(outcome))
        for (k, v) in journal.extra { result.set(k, v) }
        if !journal.actions.isEmpty { result.set("actions", journal.actionsJSON) }
        return result
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

    /// Runs a step unless in check mode, then records it (a step that failed changed nothing).
    func step(_ description: String, _ body: () throws -> Void) throws {
        if !checkMode { try body() }
        journal.changed = true
        journal.actions.append(description)
    }
}
