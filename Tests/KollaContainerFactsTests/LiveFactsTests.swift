import DockerEngine
import Foundation
import HTTP
import JSON
import KollaContainerFacts
import ModuleTesting
import Testing

/// Every action against the real dockerd on /var/run/docker.sock, through the module as Ansible
/// runs it. Skipped when the daemon does not answer `/_ping`. Touches only `oc_t_facts_<pid>_*`
/// containers and volumes, removed afterwards.
@Suite(.serialized) struct LiveFactsTests {
    static let socket = "/var/run/docker.sock"
    static let dockerUp = (try? EngineClient(transport: UnixSocketTransport(path: socket, timeout: .seconds(2))).ping()) != nil
    static let image = "overcloud-test/busybox:1"

    @Test(.enabled(if: dockerUp, "dockerd does not answer /_ping on /var/run/docker.sock"))
    func everyAction() throws {
        if let problem = Self.buildImage() { Issue.record(Comment(rawValue: problem)) }
        let engine = try EngineClient.connect(socket: Self.socket, timeout: .seconds(60))
        let stem = "oc_t_facts_\(ProcessInfo.processInfo.processIdentifier)"
        let running = stem + "_run"
        let stopped = stem + "_stop"
        let volume = stem + "_vol"
        defer {
            try? engine.removeContainer(running, force: true)
            try? engine.removeContainer(stopped, force: true)
            try? engine.removeVolume(volume, force: true)
        }
        try engine.createVolume(named: volume, labels: ["kolla_managed": "true"])
        for name in [running, stopped] {
            let body: JSONValue = [
                "Image": .string(Self.image), "Cmd": ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"],
                "Env": [.string("KOLLA_SERVICE_NAME=\(name)"), "FLAG", "EQ=a=b"],
                "Healthcheck": ["Test": ["CMD-SHELL", "true"], "Interval": 1_000_000_000],
                "HostConfig": ["NetworkMode": "host", "Binds": .array([.string("\(volume):/data:rw")])],
            ]
            try engine.createContainer(named: name, body: body)
        }
        try engine.startContainer(running)

        func facts(_ args: JSONObject) -> JSONObject {
            runModule(KollaContainerFacts.self, args: args.merging(["container_engine": "docker"]), check: true)
        }

        // get_containers: running only, then all; filtered by name.
        let onlyRunning = facts(["action": "get_containers", "name": [.string(running), .string(stopped)]])
        #expect(onlyRunning["changed"] == false && onlyRunning["failed"] == nil && onlyRunning["result"] == false, "\(onlyRunning)")
        let containers = try #require(onlyRunning["containers"]?.objectValue)
        #expect(containers.keys == [running])
        #expect(containers[running]?.objectValue?["Name"] == .string("/" + running))
        #expect(containers[running]?.objectValue?["Mounts"]?.arrayValue?.count == 1)
        // Wait for a health probe so State.Health.Log would exist, then check it is removed.
        for _ in 0..<60
        where try engine.container(named: running)?.raw.objectValue?["State"]?.objectValue?["Health"]?
            .objectValue?["Log"]?.arrayValue?.isEmpty ?? true
        { Thread.sleep(forTimeInterval: 0.1) }
        let withHealth = facts(["action": "get_containers", "name": [.string(running)]])
        let health = withHealth["containers"]?.objectValue?[running]?.objectValue?["State"]?.objectValue?["Health"]?.objectValue
        #expect(health?["Status"] != nil && health?["Log"] == nil, "\(String(describing: health))")

        let all = facts(["action": "get_containers", "name": [.string(running), .string(stopped)], "args": ["get_all_containers": true]])
        #expect(Set(all["containers"]?.objectValue?.keys ?? []) == [running, stopped])

        // get_containers_env / get_containers_state, and the missing-container failure.
        let envs = facts(["action": "get_containers_env", "name": [.string(stopped)]])
        #expect(envs["envs"]?.objectValue?[stopped]?.objectValue?["FLAG"] == "")
        #expect(envs["envs"]?.objectValue?[stopped]?.objectValue?["EQ"] == "a=b")
        #expect(envs["envs"]?.objectValue?[stopped]?.objectValue?["PATH"] == "/bin")  // the image's ENV
        let states = facts(["action": "get_containers_state", "name": [.string(running), .string(stopped)]])
        #expect(states["states"] == .object([running: "running", stopped: "created"]))
        let missing = facts(["action": "get_containers_state", "name": [.string(stem + "_absent")]])
        #expect(missing["failed"] == true && missing["msg"] == .string("No such container: \(stem)_absent"))

        // get_volumes and get_containers_names.
        let volumes = facts(["action": "get_volumes", "name": [.string(volume)]])
        #expect(volumes["volumes"]?.objectValue?.keys == [volume])
        #expect(volumes["volumes"]?.objectValue?[volume]?.objectValue?["Labels"] == ["kolla_managed": "true"])
        let names = facts(["action": "get_containers_names"])["container_names"]?.arrayValue ?? []
        #expect(names.contains(.string(running)) && !names.contains(.string(stopped)))
    }

    /// Builds the local busybox image (no registry); `nil` on success, else the script's output.
    static func buildImage() -> String? {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/fixtures/busybox-image.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, image]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return "cannot run \(script.path): \(error)" }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : "\(script.path) failed (\(process.terminationStatus)): \(output)"
    }
}

extension JSONObject {
    /// A copy with `other`'s keys set.
    func merging(_ other: JSONObject) -> JSONObject {
        var out = self
        for (k, v) in other { out[k] = v }
        return out
    }
}
