import DockerEngine
import Foundation
import JSON
import KollaDocker
import ModuleTesting
import Testing

/// `kolla_docker` with `container_engine: podman` against Podman's Docker-compatible service on
/// /run/podman/podman.sock (scripts/start-podman.sh), through the module as Ansible runs it: a
/// Kolla-style service is started, found unchanged, compared (its `kolla_set_configs --check`
/// included), changed, removed, and a one-shot container runs. Skipped when the socket does not
/// answer, or when the Kolla-API image is in neither Podman nor Docker. Touches only `oc_pm_<pid>_*`
/// containers and volumes, removed afterwards.
@Suite(.serialized) struct LivePodmanTests {
    static let socket = "/run/podman/podman.sock"
    static let kollaBase = "overcloud-test/kolla-base:1"
    static let busybox = "overcloud-test/busybox:1"
    static let podmanUp = (try? EngineEndpoint.connect(host: "unix://" + socket, timeoutSeconds: 2).version().isPodman) == true
    /// The Kolla-API image in Podman: present, or copied from Docker (`docker save | podman load`).
    static let kollaBaseReady = podmanUp && (hasImage(kollaBase) || (shell("docker save \(kollaBase) | podman load") && hasImage(kollaBase)))
    /// The busybox image in Podman (built locally by the fixture script, never pulled).
    static let busyboxReady = podmanUp && (hasImage(busybox) || shell("ENGINE=podman '\(repository)/scripts/fixtures/busybox-image.sh'"))
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test(
        .enabled(if: podmanUp, "podman system service does not answer on /run/podman/podman.sock (scripts/start-podman.sh)"),
        .enabled(if: kollaBaseReady, "overcloud-test/kolla-base:1 is in neither podman nor docker (scripts/fixtures/kolla-images.sh)"),
        .enabled(if: busyboxReady, "ENGINE=podman scripts/fixtures/busybox-image.sh failed"))
    func kollaServiceLifeCycle() throws {
        let stem = "oc_pm_\(ProcessInfo.processInfo.processIdentifier)"
        let name = stem + "_svc"
        let oneShot = stem + "_once"
        let volume = volumeName(stem)
        let dir = NSTemporaryDirectory() + stem
        let engine = try EngineEndpoint.connect(host: "unix://" + Self.socket, timeoutSeconds: 60)
        var anonymous: [String] = []  // removing a container keeps its anonymous volumes (Kolla's v=False)
        defer {
            try? engine.removeContainer(name, force: true)
            for volume in anonymous { try? engine.removeVolume(volume, force: true) }
            try? engine.removeContainer(oneShot, force: true)
            try? engine.removeVolume(volume, force: true)
            try? FileManager.default.removeItem(atPath: dir)
        }
        // A Kolla service: kolla_start copies the command from the bind-mounted config dir, runs it.
        try FileManager.default.createDirectory(atPath: dir + "/config", withIntermediateDirectories: true)
        try
            #"{"command": "/usr/local/bin/oc_pm_run", "config_files": [{"source": "/var/lib/kolla/config_files/oc_pm_run", "dest": "/usr/local/bin/oc_pm_run", "owner": "root", "perm": "0755"}]}"#
            .write(toFile: dir + "/config/config.json", atomically: true, encoding: .utf8)
        try "#!/bin/sh\ntrap 'exit 0' TERM INT\nsleep 86400 &\nwait\n".write(toFile: dir + "/config/oc_pm_run", atomically: true, encoding: .utf8)

        let service: JSONObject = [
            "container_engine": "podman", "name": .string(name), "image": .string(Self.kollaBase),
            "environment": ["KOLLA_CONFIG_STRATEGY": "COPY_ALWAYS", "OC_PM_A": "1", "OC_PM_B": 2],
            "volumes": [.string(dir + "/config/:/var/lib/kolla/config_files/:ro"), .string(volume + ":/var/log/kolla/"), "/srv/oc_pm_anon", ""],
            "labels": ["oc_pm": "live"],
            "cap_add": ["NET_ADMIN"],
            "tmpfs": ["/run/oc_pm", "/run/oc_pm_opt:size=1m"],
            "healthcheck": ["test": ["CMD-SHELL", "true"], "interval": 30, "timeout": 30, "retries": 3, "start_period": 0],
            // Podman sets nofile and nproc to 1048576 unless given once any ulimit is; a host whose hard
            // limit is lower (this one's nproc) cannot start that, so both are given.
            "dimensions": ["mem_limit": "64m", "ulimits": ["nofile": ["soft": 1024, "hard": 2048], "nproc": ["soft": 4096, "hard": 4096]]],
            "restart_policy": "unless-stopped",
        ]
        func run(_ action: String, _ changes: JSONObject = [:]) -> JSONObject {
            var args = service.merging(changes)
            args["action"] = .string(action)
            return runModule(KollaDocker.self, args: args)
        }

        let started = run("start_container")
        #expect(started["failed"] == nil && started["changed"] == true, "\(started)")
        #expect(started["actions"]?.arrayValue?.contains(.string("Created container \(name)")) == true, "\(started)")
        for mount in try engine.container(named: name)?.raw.objectValue?["Mounts"]?.arrayValue ?? [] {
            if let volume = mount.objectValue?["Name"]?.stringValue, volume != self.volumeName(stem) { anonymous.append(volume) }
        }
        #expect(anonymous.count == 1, "the anonymous volume /srv/oc_pm_anon: \(anonymous)")
        let again = run("start_container")
        #expect(again["failed"] == nil && again["changed"] == false, "start again: \(again)\ncompare: \(run("compare_container"))")

        // kolla_set_configs --check runs once the service copied its config (kolla_start at startup).
        var compared = run("compare_container")
        for _ in 0..<50 where compared["changed"] == true {
            Thread.sleep(forTimeInterval: 0.1)
            compared = run("compare_container")
        }
        #expect(compared["failed"] == nil && compared["changed"] == false && compared["comparison_failures"] == [], "\(compared)")
        #expect(run("compare_image")["result"] == false)

        // One change each: the named check and nothing else.
        func failures(_ changes: JSONObject) -> [String] {
            let result = run("compare_container", changes)
            return (result["comparison_failures"]?.arrayValue ?? []).compactMap { $0.objectValue?["name"]?.stringValue }
        }
        #expect(failures(["environment": ["KOLLA_CONFIG_STRATEGY": "COPY_ALWAYS", "OC_PM_A": "2", "OC_PM_B": 2]]) == ["environment"])
        #expect(failures(["cap_add": ["NET_ADMIN", "SYS_ADMIN"]]) == ["cap_add"])
        #expect(failures(["cap_add": ["cap_net_admin"]]) == [])
        #expect(failures(["ipc_mode": "private"]) == [])
        #expect(failures(["ipc_mode": "host"]) == ["ipc_mode"])
        #expect(
            failures([
                "volumes": [.string(dir + "/config/:/var/lib/kolla/config_files/:rw"), .string(volume + ":/var/log/kolla/"), "/srv/oc_pm_anon"]
            ]) == ["volumes"])
        #expect(failures(["tmpfs": ["/run/oc_pm", "/run/oc_pm_opt:size=2m"]]) == ["tmpfs"])
        #expect(
            failures([
                "dimensions": ["mem_limit": "64m", "ulimits": ["nofile": ["soft": 1024, "hard": 4096], "nproc": ["soft": 4096, "hard": 4096]]]
            ]) == ["dimensions"])
        #expect(failures(["restart_policy": "no"]) == ["restart_policy"])
        #expect(failures(["image": .string(Self.busybox)]) == ["image"])

        let removed = run("stop_and_remove_container")
        #expect(removed["failed"] == nil && removed["changed"] == true, "\(removed)")
        #expect(try engine.container(named: name) == nil)

        // A one-shot container: waited for, its output returned, removed.
        let once = runModule(
            KollaDocker.self,
            args: [
                "action": "start_container", "container_engine": "podman", "name": .string(oneShot), "image": .string(Self.busybox),
                "command": "sh -c 'echo hello from $KOLLA_SERVICE_NAME; echo oops >&2'", "detach": false, "restart_policy": "oneshot",
            ])
        #expect(once["failed"] == nil && once["changed"] == true && once["rc"] == 0, "\(once)")
        #expect(
            once["stdout"] == .string("hello from \(oneShot.replacingOccurrences(of: "_", with: "-"))\n") && once["stderr"] == "oops\n", "\(once)")
        #expect(try engine.container(named: oneShot) == nil)
    }

    func volumeName(_ stem: String) -> String { stem + "_logs" }

    static func hasImage(_ image: String) -> Bool {
        (try? EngineEndpoint.connect(host: "unix://" + socket, timeoutSeconds: 10).image(named: image)) != nil
    }

    /// Runs `command` with bash; whether it exited 0.
    static func shell(_ command: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
