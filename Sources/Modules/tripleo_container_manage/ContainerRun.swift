import DockerEngine
import JSON
import ModuleKit
import Platform

/// Applies one definition (on one of the apply's threads): decide from the existing container's
/// labels and image, then remove, create, start, wait or exec. Never throws: the outcome carries
/// the failure, so the other containers of the group finish.
struct ContainerRun: Sendable {
    let session: StepApply

    var client: EngineClient { session.engine.client }

    func apply(_ d: Definition) -> StepApply.Outcome {
        var outcome = StepApply.Outcome(name: d.name)
        do {
            switch d.action {
            case .run: try run(d, &outcome)
            case .exec: try exec(d, &outcome)
            }
        } catch let failure as ModuleFailure {
            outcome.failure = failure.msg
        } catch {
            outcome.failure = "\(d.name): \(error)"
        }
        return outcome
    }

    /// Why the existing container must be recreated, or `nil` when it matches (paunch's `delete_updated`).
    func recreateReason(_ d: Definition, _ existing: ContainerInspect) throws -> String? {
        let labels = existing.config.labels
        guard let text = labels["config_data"], let data = try? JSONParser().parse(text) else { return "it has no config_data label" }
        if data != .object(d.raw) { return "its definition changed" }
        if labels["config_id"] != session.labels.configID { return "it belongs to config_id \(labels["config_id"] ?? "none")" }
        if let image = d.image, let id = try session.engine.imageID(image), id != existing.imageID {
            return "image \(image) is now \(id.prefix(19))"
        }
        return nil
    }

    private func run(_ d: Definition, _ outcome: inout StepApply.Outcome) throws {
        let existing = try client.container(named: d.name)
        if let existing {
            guard let reason = try recreateReason(d, existing) else {
                if d.detach && !existing.state.isRunning {
                    try step(&outcome, "Started container \(d.name) (it was \(existing.state.status ?? "stopped"))") {
                        try client.startContainer(d.name)
                    }
                }
                return
            }
            if session.diffMode {
                outcome.diff = Diff(
                    before: .string(existing.config.labels["config_data"] ?? ""), after: .string(ConfigData.text(d.raw)),
                    beforeHeader: d.name, afterHeader: d.name)
            }
            try step(&outcome, "Removed container \(d.name) (\(reason))") { try client.removeContainer(d.name, force: true) }
        } else if session.diffMode {
            outcome.diff = Diff(before: "", after: .string(ConfigData.text(d.raw)), beforeHeader: "\(d.name) (absent)", afterHeader: d.name)
        }
        let body = try StartupRequest.body(d, labels: session.labels)
        if d.detach {
            try step(&outcome, "Created container \(d.name)") { try client.createContainer(named: d.name, body: body) }
            try step(&outcome, "Started container \(d.name)") { try client.startContainer(d.name) }
            return
        }
        try oneShot(d, body: body, &outcome)
    }

    /// A container run to its end (`detach: false`); its exit code must be in `exit_codes`, else it is
    /// run again up to `retries` times, `retry_sleep` seconds apart.
    private func oneShot(_ d: Definition, body: JSONValue, _ outcome: inout StepApply.Outcome) throws {
        var attempt = 0
        while true {
            if attempt > 0 { try client.removeContainer(d.name, force: true) }
            try step(&outcome, "Ran container \(d.name)" + (attempt > 0 ? " (try \(attempt + 1))" : "")) {
                try client.createContainer(named: d.name, body: body)
                try client.startContainer(d.name)
            }
            guard !session.checkMode else { return }
            let code = try client.waitContainer(d.name)
            outcome.exitCode = code
            outcome.output = session.engine.tail(d.name, lines: session.logTail)
            if d.exitCodes.contains(code) {
                if d.removeAfterRun { try step(&outcome, "Removed container \(d.name) (remove)") { try client.removeContainer(d.name) } }
                return
            }
            attempt += 1
            guard attempt <= d.retries else {
                outcome.failure =
                    "\(d.name) exited with code \(code) (valid: \(d.exitCodes.map(String.init).joined(separator: ", ")))"
                    + Self.tailText(outcome.output)
                return
            }
            Sleep.milliseconds(d.retrySleep * 1000)
        }
    }

    /// `action: exec`: the command runs in `command[0]`, which must be running. It runs again only when
    /// its definition changed or its target is a different container than last time (state file).
    private func exec(_ d: Definition, _ outcome: inout StepApply.Outcome) throws {
        let target = d.execTarget ?? ""
        let container = try client.container(named: target)
        let state = ExecState(dir: session.stateDir, configID: session.labels.configID, name: d.name)
        if let container, state.matches(definition: d.raw, targetID: container.id) { return }
        guard let container, container.state.isRunning else {
            if session.checkMode {
                outcome.changed = true
                outcome.actions.append("Executed in \(target): \(d.command.dropFirst().joined(separator: " "))")
                return
            }
            throw ModuleFailure("\(d.name): command: action exec needs \(target) running, but it is \(container == nil ? "absent" : "not running")")
        }
        let body = try StartupRequest.execBody(d)
        var attempt = 0
        while true {
            try step(
                &outcome, "Executed in \(target): \(d.command.dropFirst().joined(separator: " "))" + (attempt > 0 ? " (try \(attempt + 1))" : "")
            ) {}
            guard !session.checkMode else { return }
            let id = try client.createExec(
                in: target, command: body.at("Cmd")?.strings ?? [], user: body.at("User")?.stringValue,
                environment: body.at("Env")?.strings ?? [], privileged: body.at("Privileged")?.boolValue)
            let output = try client.startExec(id)
            var code: Int?
            for _ in 0..<40 {
                let inspect = try client.inspectExec(id)
                if let exit = inspect.exitCode, !inspect.isRunning {
                    code = exit
                    break
                }
                Sleep.milliseconds(50)
            }
            let text = output.stdoutText + output.stderrText
            outcome.output = Self.lastLines(text, session.logTail)
            outcome.exitCode = code
            if let code, d.exitCodes.contains(code) {
                try state.record(definition: d.raw, targetID: container.id)
                return
            }
            attempt += 1
            guard attempt <= d.retries else {
                outcome.failure =
                    "\(d.name): exec in \(target) exited with code \(code.map(String.init) ?? "unknown")"
                    + " (valid: \(d.exitCodes.map(String.init).joined(separator: ", ")))" + Self.tailText(outcome.output)
                return
            }
            Sleep.milliseconds(d.retrySleep * 1000)
        }
    }

    /// Does `body` unless in check mode, then records it.
    private func step(_ outcome: inout StepApply.Outcome, _ description: String, _ body: () throws -> Void) throws {
        if !session.checkMode { try body() }
        outcome.changed = true
        outcome.actions.append(description)
    }

    static func lastLines(_ text: String, _ count: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.suffix(count + (text.hasSuffix("\n") ? 1 : 0)).joined(separator: "\n")
    }

    static func tailText(_ output: String?) -> String {
        guard let output, !output.isEmpty else { return "" }
        return "; last lines of its output: " + output.split(separator: "\n").joined(separator: " | ")
    }
}

/// What an `action: exec` last ran: its definition and the id of the container it ran in.
struct ExecState {
    let path: String

    init(dir: String, configID: String, name: String) {
        path = "\(dir)/\(configID)/\(name).json"
    }

    func matches(definition: JSONObject, targetID: String) -> Bool {
        guard let bytes = try? Files.readIfPresent(path), let value = try? JSONParser().parse(bytes) else { return false }
        return value.at("definition") == .object(definition) && value.at("target_id")?.stringValue == targetID
    }

    func record(definition: JSONObject, targetID: String) throws {
        let text = JSONWriter().write(["definition": .object(definition), "target_id": .string(targetID)])
        try Directories.createAll(Paths.split(path).directory, permissions: 0o700)
        try Files.writeAtomically(Array(text.utf8), to: path, permissions: 0o600, uid: nil, gid: nil)
    }
}
