import DockerEngine
import JSON
import ModuleKit
import Platform

extension Worker {
    /// `reconcile_containers`: Kolla's check-containers + restart handler for many containers in
    /// one task. Each enabled service is compared (the table and the config check) and, only if it
    /// differs, started, restarted (config change with COPY_ALWAYS) or recreated — on up to
    /// `workers` threads. One result per service; the task fails if any service failed.
    func reconcileContainers() throws {
        let entries = try ServiceDefinitions.entries(task.params, moduleName: "kolla_docker")
        let width = task.workers
        let slots = ResultSlots<JSONObject>(count: entries.count)
        let engine = self.engine
        let checkMode = self.checkMode
        let diffMode = self.diffMode
        let images = self.images
        let flavor = try flavor()
        Concurrent.forEach(entries.count, width: width) { index in
            slots[index] = Self.reconcile(
                entries[index], engine: engine, flavor: flavor, images: images, checkMode: checkMode, diffMode: diffMode)
        }
        var results: [JSONValue] = []
        var failed: [String] = []
        var diffs: [Diff] = []
        for index in entries.indices {
            let result = slots[index] ?? ["service": .string(entries[index].key), "changed": false, "failed": true, "msg": "not run"]
            if result["changed"] == .bool(true) { journal.changed = true }
            if result["failed"] == .bool(true) { failed.append(entries[index].key) }
            if let diff = result["diff"], diff.at("before") != diff.at("after") {
                let header = "\(entries[index].key) (container \(result["name"]?.stringValue ?? entries[index].key))"
                diffs.append(Diff(before: diff.at("before") ?? .null, after: diff.at("after") ?? .null, beforeHeader: header, afterHeader: header))
            }
            results.append(.object(result))
        }
        journal.extra["services"] = .array(results)
        journal.serviceDiffs = diffs
        if !failed.isEmpty { throw ModuleFailure("reconcile_containers: failed for \(failed.joined(separator: ", "))") }
    }

    /// Converges one service; never throws. Its result says what was done, also when it failed
    /// half way (a container removed, then the create refused: `changed`, `actions`, `failed`).
    static func reconcile(
        _ entry: ServiceDefinitions.Entry, engine: EngineClient, flavor: EngineFlavor, images: ImageLookup, checkMode: Bool,
        diffMode: Bool
    ) -> JSONObject {
        var result: JSONObject = ["service": .string(entry.key)]
        if entry.skipped {
            result["skipped"] = true
            result["changed"] = false
            return result
        }
        let worker: Worker
        do {
            let (task, spec) = try prepare(try entry.params.get())
            worker = Worker(
                engine: engine, task: task, spec: spec, checkMode: checkMode, diffMode: diffMode,
                images: images, knownFlavor: flavor)
        } catch {
            result["changed"] = false
            result["failed"] = true
            result["msg"] = .string(Self.describe(error))
            return result
        }
        result["name"] = .string(worker.spec.name)
        var failure: ModuleFailure?
        do {
            try worker.converge()
        } catch {
            failure = worker.failure(error)
        }
        let journal = worker.journal
        result["changed"] = .bool(failure?.changed ?? journal.changed)
        for (k, v) in failure?.extra ?? journal.extra { result[k] = v }
        result["actions"] = journal.actionsJSON
        if let only = worker.diff.first { result["diff"] = ["before": only.before, "after": only.after] }
        if !journal.warnings.isEmpty { result["warnings"] = .array(journal.warnings.map { .string($0) }) }
        if let failure {
            result["failed"] = true
            result["msg"] = .string(failure.msg)
        }
        return result
    }

    /// compare → (start | restart | recreate | nothing), the decision Kolla spreads over a
    /// compare task and a handler.
    func converge() throws {
        guard let container = try engine.container(named: spec.name) else { return try startContainer() }
        var failures = try differences(container)
        let tableDiffers = !failures.isEmpty
        // The exec: this runs on worker threads, and a forked child of a multi-threaded process must
        // not run Swift code (MountNamespace refuses it anyway).
        if let config = try configCheck(nil) { failures.append(config) }
        noteDifferences(failures)
        journal.extra["comparison_failures"] = .array(failures.map(\.json))
        guard !failures.isEmpty else { return }
        if !tableDiffers && spec.configStrategy == "COPY_ALWAYS" {
            try restartContainer()
        } else {
            try recreate()
        }
    }

    /// Pull (if the image is missing, before stopping anything), stop, remove, create, start.
    func recreate() throws {
        if try engine.image(named: imageName) == nil { try pullImage() }
        try discardContainer(recordedAs: "Removed container \(spec.name) to recreate it")
        try createContainer()
        try step("Started container \(spec.name)") { _ = try engine.startContainer(spec.name) }
    }
}
