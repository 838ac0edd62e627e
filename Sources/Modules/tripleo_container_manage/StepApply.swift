import DockerEngine
import JSON
import ModuleKit
import Platform

/// One apply of a step's definitions: check everything first (keys, volume sources, depends_on,
/// images), then remove orphans, then run the containers group by group (`start_order`
/// ascending; one group's containers together, on up to `concurrency` threads). A failing group
/// stops the apply: later groups are not started.
struct StepApply {
    let definitions: [Definition]
    let labels: StartupRequest.Labels
    let engine: EngineSession
    let checkMode: Bool
    let diffMode: Bool
    let cleanOrphans: Bool
    let concurrency: Int
    let logTail: Int
    let stateDir: String

    func run() throws -> ModuleResult {
        let journal = Journal()
        do {
            try precheck(journal)
            try removeOrphans(journal)
            for wave in try Waves.of(definitions, existing: { (try? engine.client.container(named: $0)) != nil }) {
                let slots = ResultSlots<Outcome>(count: wave.count)
                let runner = ContainerRun(session: self)
                Concurrent.forEach(wave.count, width: concurrency) { index in
                    slots[index] = runner.apply(wave[index])
                }
                let outcomes = (0..<wave.count).compactMap { slots[$0] }
                for outcome in outcomes { journal.record(outcome) }
                let failed = outcomes.filter { $0.failure != nil }
                if !failed.isEmpty {
                    throw ModuleFailure(failed.compactMap(\.failure).joined(separator: "; "))
                }
            }
        } catch let failure as ModuleFailure {
            var extra = failure.extra
            for (key, value) in journal.fields { extra[key] = value }
            throw ModuleFailure(failure.msg, changed: journal.changed || failure.changed, extra: extra)
        } catch {
            throw ModuleFailure("\(error)", changed: journal.changed, extra: journal.fields)
        }
        var result = ModuleResult(changed: journal.changed)
        for (key, value) in journal.fields { result.set(key, value) }
        if diffMode { result.diff = journal.diffs }
        return result
    }

    /// Nothing starts unless every definition can: volume sources exist, images are there (pulled
    /// when missing, as paunch does), exec targets are defined or exist.
    private func precheck(_ journal: Journal) throws {
        var problems: [String] = []
        for d in definitions where d.action == .run {
            for source in d.volumeSources where (try? FileStatus.of(source)) == nil {
                problems.append("\(d.name): volumes: source \(source) does not exist")
            }
        }
        guard problems.isEmpty else { throw ModuleFailure(problems.joined(separator: "; ")) }
        var images: [String] = []
        for d in definitions where d.action == .run {
            if let image = d.image, !images.contains(image) { images.append(image) }
        }
        for image in images where try engine.imageID(image) == nil {
            if !checkMode {
                do {
                    try engine.pull(image)
                } catch let failure as ModuleFailure {
                    // Named as every other bad definition: the containers and the key. Nothing was pulled, so
                    // neither `changed` nor `actions` says so.
                    let users = definitions.filter { $0.action == .run && $0.image == image }.map(\.name)
                    throw ModuleFailure("\(users.joined(separator: ", ")): image: \(failure.msg)")
                }
            }
            journal.actions.append("Pulled image \(image)")
            journal.changed = true
        }
    }

    /// Containers of this `config_id` (and `managed_by`) whose definitions are gone.
    private func removeOrphans(_ journal: Journal) throws {
        guard cleanOrphans else { return }
        let names = Set(definitions.map(\.name))
        for summary in try engine.managedContainers(configID: labels.configID, managedBy: labels.managedBy) {
            let name = summary.names.first.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 } ?? summary.id
            guard !names.contains(summary.labels["container_name"] ?? name), !names.contains(name) else { continue }
            if !checkMode { try engine.client.removeContainer(name, force: true) }
            journal.changed = true
            journal.actions.append("Removed orphan container \(name)")
            journal.removed.append(name)
            if diffMode {
                journal.diffs.append(
                    Diff(before: .string(summary.labels["config_data"] ?? ""), after: "", beforeHeader: name, afterHeader: "\(name) (removed)"))
            }
        }
    }

    /// What one container's apply did.
    struct Outcome: Sendable {
        var name: String
        var changed = false
        var actions: [String] = []
        var exitCode: Int?
        var output: String?
        var failure: String?
        var diff: Diff?

        var json: JSONValue {
            var o: JSONObject = ["changed": .bool(changed), "actions": .array(actions.map { .string($0) })]
            if let exitCode { o["exit_code"] = .int(exitCode) }
            if let output { o["output"] = .string(output) }
            if let failure { o["msg"] = .string(failure) }
            return .object(o)
        }
    }

    /// The run's record, for the result (also on a failure half way).
    final class Journal {
        var changed = false
        var actions: [String] = []
        var removed: [String] = []
        var containers = JSONObject()
        var diffs: [Diff] = []

        func record(_ outcome: Outcome) {
            changed = changed || outcome.changed
            actions += outcome.actions
            containers[outcome.name] = outcome.json
            if let diff = outcome.diff { diffs.append(diff) }
        }

        var fields: JSONObject {
            [
                "actions": .array(actions.map { .string($0) }), "containers": .object(containers),
                "removed": .array(removed.map { .string($0) }),
            ]
        }
    }
}

/// The order of a step: groups of equal `start_order` (ascending; names sorted inside), each split
/// further so a container starts after the ones of its group it `depends_on`.
enum Waves {
    static func of(_ definitions: [Definition], existing: (String) -> Bool) throws -> [[Definition]] {
        let names = Set(definitions.map(\.name))
        for d in definitions {
            for dependency in d.dependsOn where !names.contains(dependency) && !existing(dependency) {
                throw ModuleFailure("\(d.name): depends_on: \(dependency) is neither defined in this step nor an existing container")
            }
        }
        var waves: [[Definition]] = []
        let orders = Set(definitions.map(\.startOrder)).sorted()
        for order in orders {
            var pending = definitions.filter { $0.startOrder == order }.sorted { $0.name < $1.name }
            var done = Set<String>()
            while !pending.isEmpty {
                let inGroup = Set(pending.map(\.name))
                let ready = pending.filter { d in d.dependsOn.allSatisfy { !inGroup.contains($0) || done.contains($0) } }
                guard !ready.isEmpty else {
                    throw ModuleFailure(
                        "\(pending.map(\.name).joined(separator: ", ")): depends_on: a cycle among containers of start_order \(order)")
                }
                waves.append(ready)
                for d in ready { done.insert(d.name) }
                pending.removeAll { done.contains($0.name) }
            }
        }
        return waves
    }
}
