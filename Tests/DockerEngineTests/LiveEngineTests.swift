import DockerEngine
import JSON
import Testing

/// The container life cycle, volumes, images and a failing pull against real daemons. Skipped when
/// the daemon does not answer `/_ping` (CI starts dockerd; Podman runs when its service is up).
@Suite(.serialized) struct LiveEngineTests {
    static let dockerUp = LiveEngine.docker.isAvailable
    static let podmanUp = LiveEngine.podman.isAvailable

    @Test(.enabled(if: dockerUp, "dockerd does not answer /_ping on /var/run/docker.sock"))
    func dockerContainerLifeCycle() throws { try Self.lifeCycle(on: .docker) }

    @Test(.enabled(if: podmanUp, "podman system service does not answer /_ping on /run/podman/podman.sock"))
    func podmanContainerLifeCycle() throws { try Self.lifeCycle(on: .podman) }

    @Test(.enabled(if: dockerUp, "dockerd does not answer /_ping on /var/run/docker.sock"))
    func dockerOneShotVolumesImagesAndPull() throws { try Self.oneShotVolumesImagesAndPull(on: .docker) }

    @Test(.enabled(if: podmanUp, "podman system service does not answer /_ping on /run/podman/podman.sock"))
    func podmanOneShotVolumesImagesAndPull() throws { try Self.oneShotVolumesImagesAndPull(on: .podman) }

    @Test func absentDaemonMeansSkipped() {
        #expect(!LiveEngine(socket: "/tmp/oc-engine-test-no-daemon.sock", cli: "docker").isAvailable)
    }

    static func prepare(_ live: LiveEngine) throws -> EngineClient {
        if let failure = live.buildImage() { Issue.record(Comment(rawValue: failure)) }
        return try live.client()
    }

    /// create → inspect → start → exec → logs → stop → wait → restart → remove.
    static func lifeCycle(on live: LiveEngine) throws {
        let engine = try prepare(live)
        let name = LiveEngine.uniqueName("cycle")
        defer { try? engine.removeContainer(name, force: true) }

        #expect(try engine.container(named: name) == nil)
        let body: JSONValue = [
            "Image": .string(LiveEngine.image),
            "Cmd": ["sh", "-c", "echo started; echo oops >&2; trap 'exit 0' TERM; while true; do sleep 1; done"],
            "Env": ["KOLLA_SERVICE_NAME=live"], "Labels": ["kolla_managed": "true"], "HostConfig": ["NetworkMode": "host"],
        ]
        let id = try engine.createContainer(named: name, body: body)
        let created = try #require(try engine.container(named: name))
        #expect(created.id == id && created.name == name && created.state.status == "created")
        #expect(created.config.labels["kolla_managed"] == "true" && created.config.env.contains("KOLLA_SERVICE_NAME=live"))
        #expect(created.imageID.hasPrefix("sha256:"))
        #expect(try engine.containers(all: true).contains { $0.isNamed(name) })
        #expect(try !engine.containers(all: false).contains { $0.isNamed(name) })
        #expect { try engine.createContainer(named: name, body: body) } throws: { ($0 as? EngineError).map(isConflict) == true }

        #expect(try engine.startContainer(name) == .changed)
        #expect(try engine.startContainer(name) == .alreadyInState)
        let running = try #require(try engine.container(named: name))
        #expect(running.state.status == "running" && running.state.isRunning)
        #expect(try engine.containers(all: false).first { $0.isNamed(name) }?.status?.hasPrefix("Up") == true)

        let exec = try engine.exec(in: name, command: ["sh", "-c", "echo hi; echo there >&2; exit 3"])
        #expect(exec.exitCode == 3 && exec.output.stdoutText == "hi\n" && exec.output.stderrText == "there\n")
        #expect(try engine.exec(in: name, command: ["true"]).exitCode == 0)

        var output = ContainerOutput()
        for _ in 0..<40 where output.stderr.isEmpty || output.stdout.isEmpty {
            output = try engine.logs(name)
            if output.stderr.isEmpty || output.stdout.isEmpty { LiveEngine.pause() }
        }
        #expect(output.stdoutText == "started\n" && output.stderrText == "oops\n")

        #expect(try engine.stopContainer(name, timeout: 10) == .changed)
        #expect(try engine.stopContainer(name, timeout: 10) == .alreadyInState)
        #expect(try engine.waitContainer(name, timeout: .seconds(30)) == 0)
        #expect(try engine.container(named: name)?.state.status == "exited")
        #expect { try engine.exec(in: name, command: ["true"]) } throws: { ($0 as? EngineError).map(isConflict) == true }

        try engine.restartContainer(name, timeout: 5)
        #expect(try engine.container(named: name)?.state.isRunning == true)

        try engine.removeContainer(name, force: true)
        #expect(try engine.container(named: name) == nil)
        #expect(throws: EngineError.notFound(kind: .container, name: name)) { try engine.removeContainer(name) }
        #expect(throws: EngineError.notFound(kind: .container, name: name)) { try engine.startContainer(name) }
    }

    /// A one-shot container's exit code and output; volumes; image lookups; a pull that cannot work.
    static func oneShotVolumesImagesAndPull(on live: LiveEngine) throws {
        let engine = try prepare(live)
        #expect(engine.apiVersion <= .newestSupported)
        try engine.ping()

        let oneShot = LiveEngine.uniqueName("oneshot")
        defer { try? engine.removeContainer(oneShot, force: true) }
        try engine.createContainer(named: oneShot, body: ["Image": .string(LiveEngine.image), "Cmd": ["sh", "-c", "echo done; exit 7"]])
        try engine.startContainer(oneShot)
        #expect(try engine.waitContainer(oneShot, timeout: .seconds(30)) == 7)
        #expect(try engine.logs(oneShot).stdoutText == "done\n")
        #expect(try engine.container(named: oneShot)?.state.exitCode == 7)

        let missingImage = "overcloud-test/absent:0"
        #expect { try engine.createContainer(named: LiveEngine.uniqueName("noimage"), body: ["Image": .string(missingImage)]) } throws: {
            guard case .notFound(.image, _) = $0 as? EngineError else { return false }
            return true
        }

        let volumeName = LiveEngine.uniqueName("vol")
        defer { try? engine.removeVolume(volumeName, force: true) }
        #expect(try engine.volume(named: volumeName) == nil)
        let volume = try engine.createVolume(named: volumeName, labels: ["kolla_managed": "true"])
        #expect(volume.name == volumeName && volume.driver == "local" && volume.labels == ["kolla_managed": "true"])
        #expect(try engine.createVolume(named: volumeName, labels: ["kolla_managed": "true"]).name == volumeName)
        #expect(try engine.volumes().contains { $0.name == volumeName })
        #expect(try engine.volume(named: volumeName)?.mountpoint?.isEmpty == false)
        try engine.removeVolume(volumeName)
        #expect(try engine.volume(named: volumeName) == nil)
        #expect(throws: EngineError.notFound(kind: .volume, name: volumeName)) { try engine.removeVolume(volumeName) }

        let image = try #require(try engine.image(named: LiveEngine.image))
        #expect(image.id.hasPrefix("sha256:") && image.repoTags.contains { $0.hasSuffix(LiveEngine.image) })
        #expect(try engine.image(named: missingImage) == nil)
        #expect(try engine.images().contains { $0.id == image.id })
        #expect(throws: EngineError.notFound(kind: .image, name: missingImage)) { try engine.removeImage(missingImage) }

        // Loopback only: port 1 has no listener, so the daemon's registry connection is refused.
        #expect { try engine.pullImage("127.0.0.1:1/overcloud-test/none:1") } throws: { error in
            guard case .pullFailed(let reference, let message) = error as? EngineError else { return false }
            return reference == "127.0.0.1:1/overcloud-test/none:1" && message.contains("127.0.0.1:1") && !message.isEmpty
        }
    }

    static func isConflict(_ error: EngineError) -> Bool {
        if case .conflict = error { return true }
        return false
    }
}
