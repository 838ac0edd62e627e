import DockerEngine
import JSON
import ModuleKit

extension Worker {
    /// `start_container`: pull if missing → replace a differing container → create → start →
    /// for `detach: false`, wait and return rc/stdout/stderr (failing on a non-zero rc).
    func startContainer() throws {
        if try engine.image(named: imageName) == nil { try pullImage() }
        var existing = try engine.container(named: spec.name)
        if let container = existing {
            let failures = try differences(container)
            noteDifferences(failures)
            if !failures.isEmpty {
                try discardContainer(recordedAs: "Removed differing container \(spec.name)")
                existing = nil
            }
        } else {
            noteDifferences([.containerMissing(spec.name)])
        }
        if existing == nil { try createContainer() }
        if existing?.state.status != "running" {
            try step("Started container \(spec.name)") { _ = try engine.startContainer(spec.name) }
        }
        if !spec.detach && !checkMode { try collectOneShot() }
    }

    /// Creates the container (`POST /containers/create`) in the form the daemon needs, after the
    /// named volumes it mounts.
    func createContainer() throws {
        for volume in spec.volumes.named { try ensureVolume(volume) }
        let flavor = try flavor()
        journal.warnings += CreateRequest.warnings(spec, flavor: flavor)
        try step("Created container \(spec.name)") {
            _ = try engine.createContainer(named: spec.name, body: CreateRequest.body(spec, flavor: flavor))
        }
    }

    /// Stops the container (`graceful_timeout`) and force-removes it, recorded as `description`.
    /// When the removal fails after the stop stopped it, the stop is what was done, and recorded.
    func discardContainer(recordedAs description: String) throws {
        guard !checkMode else { return record(description) }
        let stop = try engine.stopContainer(spec.name, timeout: spec.gracefulTimeout)
        do {
            try engine.removeContainer(spec.name, force: true)
        } catch {
            if stop == .changed { record("Stopped container \(spec.name)") }
            throw error
        }
        record(description)
    }

    /// Waits for a one-shot container, returns its output and removes it (`remove_on_exit`).
    private func collectOneShot() throws {
        let rc = try engine.waitContainer(spec.name)
        let output = try engine.logs(spec.name, tty: spec.tty)
        journal.extra["rc"] = .int(rc)
        journal.extra["stdout"] = .string(output.stdoutText)
        journal.extra["stderr"] = .string(output.stderrText)
        if spec.removeOnExit { try discardContainer(recordedAs: "Removed finished container \(spec.name)") }
        if rc != 0 { throw ModuleFailure("Container exited with non-zero return code \(rc)") }
    }

    /// `stop_container`: stops a running container (`graceful_timeout`); a missing one fails unless `ignore_missing`.
    func stopContainer() throws {
        guard let container = try engine.container(named: spec.name) else {
            if task.ignoreMissing { return }
            throw ModuleFailure("No such container: \(spec.name) to stop")
        }
        guard container.state.status != "exited", container.state.status != "created" else { return }
        try step("Stopped container \(spec.name)") { _ = try engine.stopContainer(spec.name, timeout: spec.gracefulTimeout) }
    }

    /// `stop_and_remove_container`.
    func stopAndRemoveContainer() throws {
        guard try engine.container(named: spec.name) != nil else { return }
        try stopContainer()
        try removeContainer()
    }

    /// `remove_container`: force-removes the container if it exists.
    func removeContainer() throws {
        guard try engine.container(named: spec.name) != nil else { return }
        try step("Removed container \(spec.name)") {
            do { try engine.removeContainer(spec.name, force: true) } catch EngineError.notFound {}  // gone meanwhile: fine
        }
    }

    /// `restart_container`: restarts an existing container (`graceful_timeout`).
    func restartContainer() throws {
        guard try engine.container(named: spec.name) != nil else { throw ModuleFailure("No such container: \(spec.name)") }
        try step("Restarted container \(spec.name)") { try engine.restartContainer(spec.name, timeout: spec.gracefulTimeout) }
    }

    /// `recreate_or_restart_container` (the restart handler): no container → start it; COPY_ONCE or
    /// any difference → pull a missing image first, then recreate; COPY_ALWAYS → restart (the
    /// container re-copies its config). Unlike Kolla, `changed` is true only when something was done.
    func recreateOrRestartContainer() throws {
        guard let container = try engine.container(named: spec.name) else { return try startContainer() }
        let strategy = spec.configStrategy
        let failures = try differences(container)
        noteDifferences(failures)
        if strategy == "COPY_ONCE" || !failures.isEmpty {
            try recreate()
        } else if strategy == "COPY_ALWAYS" {
            try restartContainer()
        }
    }
}
