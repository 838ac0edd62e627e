import DockerEngine
import Foundation
import HTTP

/// A real daemon for live tests: Docker at /var/run/docker.sock, Podman's compat service at
/// /run/podman/podman.sock. A daemon that does not answer `/_ping` within 2 seconds is absent and
/// its tests are skipped; the local test image is built by scripts/fixtures/busybox-image.sh.
struct LiveEngine: Sendable {
    let socket: String
    /// The CLI the fixture script drives (`docker` or `podman`).
    let cli: String

    static let docker = LiveEngine(socket: "/var/run/docker.sock", cli: "docker")
    static let podman = LiveEngine(socket: "/run/podman/podman.sock", cli: "podman")

    /// The image the live scenario runs (built locally, never pulled).
    static let image = "overcloud-test/busybox:1"

    /// Whether the daemon answers `/_ping`.
    var isAvailable: Bool {
        (try? EngineClient(transport: UnixSocketTransport(path: socket, timeout: .seconds(2))).ping()) != nil
    }

    /// A negotiated client.
    func client() throws -> EngineClient {
        try EngineClient.connect(socket: socket, apiVersion: "auto", timeout: .seconds(60))
    }

    /// Runs the fixture script for this engine; `nil` on success, else its output.
    func buildImage() -> String? {
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/fixtures/busybox-image.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, Self.image]
        process.environment = ProcessInfo.processInfo.environment.merging(["ENGINE": cli]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return "cannot run \(script.path): \(error)"
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : "\(script.path) failed (\(process.terminationStatus)): \(output)"
    }

    /// A name no other run uses.
    static func uniqueName(_ stem: String) -> String {
        "oc-live-\(stem)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Waits 50 ms (between polls of an eventually consistent reply).
    static func pause() {
        Thread.sleep(forTimeInterval: 0.05)
    }
}
