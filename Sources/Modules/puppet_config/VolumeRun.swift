import DockerEngine
import JSON
import Platform

/// Runs one config container to completion on the engine: remove a leftover of the same name,
/// pull the image when it is not local, create, start, wait, read the output; remove the container
/// on success, keep it on failure (for `docker logs` / `docker diff`) unless told otherwise.
/// Engine errors (not Puppet's) are retried: TripleO retries its `run` three times because the
/// engine sometimes fails to set up a bind mount (libpod#1844).
struct VolumeRun: Sendable {
    let engine: EngineClient
    let container: ConfigContainer
    /// Tries on engine errors (at least 1).
    let attempts: Int
    let keepFailed: Bool
    /// Pause between tries.
    var retryDelayMilliseconds = 3000

    /// What happened; never throws.
    func run(volume: String) -> VolumeOutcome {
        var outcome = VolumeOutcome(volume: volume, container: container.name)
        for attempt in 1...max(1, attempts) {
            outcome.attempts = attempt
            do throws(EngineError) {
                try runOnce(into: &outcome)
                return outcome
            } catch {
                outcome.engineError = error.description
                // A container half set up by a failed try goes before the next one.
                _ = try? engine.removeContainer(container.name, force: true)
                if attempt < attempts { Sleep.milliseconds(retryDelayMilliseconds) }
            }
        }
        return outcome
    }

    private func runOnce(into outcome: inout VolumeOutcome) throws(EngineError) {
        outcome.engineError = nil
        if try engine.container(named: container.name) != nil {
            try engine.removeContainer(container.name, force: true)
        }
        if try engine.image(named: container.image) == nil {
            try engine.pullImage(container.image)
        }
        try engine.createContainer(named: container.name, body: container.createBody)
        try engine.startContainer(container.name)
        let rc = try engine.waitContainer(container.name)
        let output = try engine.logs(container.name, tail: 400, tty: false)
        outcome.rc = rc
        if rc == 0 || rc == 2 {
            try engine.removeContainer(container.name, force: true)
            return
        }
        outcome.stdoutTail = Self.lastLines(output.stdoutText, 40)
        outcome.stderrTail = Self.lastLines(output.stderrText, 40)
        outcome.errors = Self.puppetErrors(stdout: output.stdoutText, stderr: output.stderrText)
        outcome.kept = keepFailed
        if !keepFailed { try engine.removeContainer(container.name, force: true) }
    }

    /// Puppet's `Error:` lines (at most 20), else the last lines of standard error.
    static func puppetErrors(stdout: String, stderr: String) -> [String] {
        let lines = (stderr + "\n" + stdout).split(separator: "\n").map(String.init)
        let errors = lines.filter { $0.hasPrefix("Error:") || $0.hasPrefix("puppet apply failed") }
        var unique: [String] = []
        for line in errors where !unique.contains(line) { unique.append(line) }
        return unique.isEmpty ? lastLines(stderr, 10) : Array(unique.prefix(20))
    }

    /// The last `count` non-empty lines of `text`.
    static func lastLines(_ text: String, _ count: Int) -> [String] {
        Array(text.split(separator: "\n").map(String.init).suffix(count))
    }
}

/// One volume's run: the container's exit code, tries, and what an operator needs on failure.
struct VolumeOutcome: Sendable, Equatable {
    var volume: String
    var container: String
    var rc: Int? = nil
    var attempts = 0
    /// The last engine error when every try failed on the engine.
    var engineError: String? = nil
    var errors: [String] = []
    var stdoutTail: [String] = []
    var stderrTail: [String] = []
    /// Whether the failed container was kept.
    var kept = false

    /// Whether Puppet ran and succeeded (exit 0, or 2 = changes made).
    var succeeded: Bool { engineError == nil && (rc == 0 || rc == 2) }

    /// A one-line reason for a failure.
    var reason: String {
        if let engineError { return "engine error after \(attempts) tries: \(engineError)" }
        let first = errors.first.map { ": \($0)" } ?? ""
        return "exit code \(rc.map(String.init) ?? "?")\(first)"
    }
}
