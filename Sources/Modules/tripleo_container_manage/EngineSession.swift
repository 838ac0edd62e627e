import DockerEngine
import JSON
import ModuleKit
import Platform

/// The engine calls of one apply, with the image lookups shared between threads.
struct EngineSession: Sendable {
    let client: EngineClient
    private let imageIDs = Locked<[String: String]>([:])

    init(host: String?, apiVersion: String?, timeoutSeconds: Int?) throws {
        self.init(client: try EngineEndpoint.connect(host: host, apiVersion: apiVersion, timeoutSeconds: timeoutSeconds))
    }

    init(client: EngineClient) {
        self.client = client
    }

    /// The id behind an image reference, or `nil` when the image is not local (asked once per run).
    func imageID(_ reference: String) throws -> String? {
        if let known = imageIDs.withLock({ $0[reference] }) { return known.isEmpty ? nil : known }
        let id = try client.image(named: reference)?.id
        imageIDs.withLock { $0[reference] = id ?? "" }
        return id
    }

    /// Pulls a missing image (paunch: up to 4 tries with a growing pause).
    func pull(_ reference: String) throws {
        var attempt = 0
        while true {
            do {
                try client.pullImage(reference)
                imageIDs.withLock { $0[reference] = nil }
                return
            } catch {
                attempt += 1
                if attempt >= 4 { throw ModuleFailure("\(reference): pull failed after 4 tries: \(error)") }
                Sleep.milliseconds(500 << attempt)
            }
        }
    }

    /// The containers labelled with `config_id` and `managed_by`: name → inspect summary.
    func managedContainers(configID: String, managedBy: String) throws -> [ContainerSummary] {
        try client.containers(all: true).filter { $0.labels["config_id"] == configID && $0.labels["managed_by"] == managedBy }
    }

    /// The last `lines` lines of a container's output (both streams, in that order).
    func tail(_ name: String, lines: Int) -> String {
        guard lines > 0, let output = try? client.logs(name, tail: lines) else { return "" }
        return output.stdoutText + output.stderrText
    }
}
