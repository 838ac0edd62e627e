import DockerEngine
import EngineTesting
import Foundation
import JSON
import KollaConfig
import Testing

@testable import KollaDocker

/// Where `compare_container`'s config check runs: our own check code in the container's mount namespace
/// (no exec) only when the image's tool is ours at our revision, the daemon is local, the container runs
/// with a pid and we are root; every doubt there (a pid that is not the container's) falls back to the exec.
@Suite struct ConfigCheckPathTests {
    static let c = "oc_t_cfgpath"
    static let ours: JSONObject = [SetConfigs.imageLabel: .string(SetConfigs.checkRevision)]
    static let args: JSONObject = ["image": .string(EngineRun.image), "environment": ["A": "1"], "labels": .object(ours)]

    static func inspect(running: Bool, pid: Int, labels: JSONObject = ours) -> ContainerInspect {
        ContainerInspect(raw: [
            "Id": "0123456789abcdef", "State": ["Running": .bool(running), "Pid": .int(pid)], "Config": ["Labels": .object(labels)],
        ])
    }

    @Test(
        arguments: [
            (true, 4242, nil, UInt32(0), Int32?(4242)),
            (true, 4242, "unix:///run/other.sock", 0, 4242),
            (true, 4242, "/run/other.sock", 0, 4242),
            (true, 4242, "tcp://127.0.0.1:2375", 0, nil),  // its pids are another host's
            (true, 4242, nil, 1000, nil),  // setns needs root; the exec ran as root
            (true, 0, nil, 0, nil),  // no process (Podman reports 0 while starting)
            (false, 0, nil, 0, nil),  // stopped: the exec reports "unavailable", as before
            (false, 4242, nil, 0, nil),
        ] as [(Bool, Int, String?, UInt32, Int32?)])
    func fastPathDecision(running: Bool, pid: Int, host: String?, euid: UInt32, expected: Int32?) {
        let connection: JSONObject = host.map { ["docker_host": .string($0)] } ?? [:]
        let chosen = Worker.namespaceCheckPID(Self.inspect(running: running, pid: pid), connection: connection, effectiveUserID: euid)
        #expect(chosen == expected)
    }

    /// An image without our label (Kolla's own Python tool), or with another revision of it, gets the exec.
    @Test(arguments: [[:], [SetConfigs.imageLabel: "0"], ["kolla_version": "23.0.0"]] as [JSONObject])
    func otherToolsGetTheExec(labels: JSONObject) {
        #expect(Worker.namespaceCheckPID(Self.inspect(running: true, pid: 4242, labels: labels), connection: [:], effectiveUserID: 0) == nil)
    }

    /// A pid that is not the container's process (ours; one that does not exist) is never entered:
    /// the result is the exec's, and the exec ran.
    @Test(arguments: [Int(ProcessInfo.processInfo.processIdentifier), Int(Int32.max)], [0, 1])
    func foreignPidFallsBackToExec(pid: Int, exitCode: Int) throws {
        let routes = EngineRun.base.merging(try EngineRun.container(Self.c, createdFrom: Self.args, pid: pid))
            .merging(EngineRoutes.exec(in: Self.c, exitCode: exitCode))
        let run = try EngineRun.run(Self.args.merging(["action": "compare_container", "name": .string(Self.c)]), routes: routes)
        #expect(run.requests.contains("POST /containers/\(Self.c)/exec"))
        #expect(run.result["changed"] == .bool(exitCode != 0))
        let names = run.result["comparison_failures"]?.arrayValue?.compactMap { $0.at("name")?.stringValue }
        #expect(names == (exitCode == 0 ? [] : ["config"]))
    }

    /// Our own process passes the cgroup check for no container id; a missing id is refused outright.
    @Test func checkInNamespaceRefusesWithoutContainerIdentity() {
        let own = Int32(ProcessInfo.processInfo.processIdentifier)
        #expect(Worker.checkInNamespace(pid: own, containerID: "") == nil)
        #expect(Worker.checkInNamespace(pid: own, containerID: "0123456789abcdef0123") == nil)
    }
}
