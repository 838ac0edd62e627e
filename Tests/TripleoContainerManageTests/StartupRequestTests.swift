import JSON
import ModuleKit
import Testing

@testable import TripleoContainerManage

/// The create request of single definitions (paunch 7.0.4's `docker run` arguments, as the Docker
/// CLI turns them into a request). The whole-THT comparison with paunch itself is Tests/paunch.
struct StartupRequestTests {
    func definition(_ raw: JSONObject, name: String = "svc") throws -> Definition {
        try Definition(name: name, value: .object(raw))
    }

    func body(_ raw: JSONObject) throws -> JSONValue {
        try StartupRequest.body(definition(raw), labels: .init(configID: "tripleo_step1", managedBy: "m"), hostCPUs: { nil })
    }

    @Test func unknownAndRejectedKeysAreNamed() {
        #expect(throws: (any Error).self) { try definition(["image": "i", "colour": "blue"]) }
        do {
            _ = try definition(["image": "i", "systemd_exec_flags": .object([:])])
            Issue.record("accepted systemd_exec_flags")
        } catch let failure as ModuleFailure {
            #expect(failure.msg.hasPrefix("svc: systemd_exec_flags: not supported: paunch writes it into a systemd unit"))
        } catch { Issue.record("\(error)") }
    }

    @Test func wrongTypesAndMissingImageNameTheKey() {
        for (raw, start) in [
            (["image": "i", "volumes": "a:b"] as JSONObject, "svc: volumes: expected a list"),
            (["command": "true"], "svc: image: required"),
            (["image": "i", "mem_limit": "lots"], "svc: mem_limit: expected a size"),
            (["image": "i", "restart": "none"], "svc: restart: expected no, always"),
            (["image": "i", "ulimit": ["nofile"]], "svc: ulimit: expected NAME=SOFT[:HARD]"),
            (["image": "i", "healthcheck": ["test": "x", "every": "1s"]], "svc: healthcheck: every: unknown"),
        ] {
            do {
                _ = try definition(raw)
                Issue.record("accepted \(raw)")
            } catch let failure as ModuleFailure {
                #expect(failure.msg.hasPrefix(start), "\(failure.msg)")
            } catch { Issue.record("\(error)") }
        }
    }

    @Test func environmentListKeepsOrderDictIsSortedAndEmptyValuesPassTheBareKey() throws {
        let list = try body(["image": "i", "environment": ["B=2", "", "A=1"]])
        #expect(list.at("Env") == ["B=2", "A=1"])
        let dict = try body(["image": "i", "environment": ["b": "2", "a": 1, "c": "", "d": true]])
        #expect(dict.at("Env") == ["a=1", "b=2", "c", "d=True"])
    }

    @Test func commandStringSplitsOnWhitespaceWithoutShellQuoting() throws {
        let request = try body(["image": "i", "command": "sh -c 'echo  hi'"])
        #expect(request.at("Cmd") == ["sh", "-c", "'echo", "hi'"])
    }

    @Test func hostConfigFromPaunchKeys() throws {
        let request = try body([
            "image": "i", "net": "host", "pid": "host", "ipc": "host", "uts": "host", "privileged": true, "restart": "on-failure:3",
            "volumes": ["/a:/b:ro", "/anon", ""], "ulimit": ["nofile=1024:2048", "nproc=10"], "mem_limit": "1g",
            "memswap_limit": "-1", "cpu_shares": 512, "cpuset_cpus": "all", "cap_add": ["net_admin"], "cap_drop": ["ALL"],
            "security_opt": "label=disable", "log_tag": "svc", "stop_grace_period": "1m30s", "user": 42, "hostname": "h",
        ])
        let host = request.at("HostConfig") ?? .null
        #expect(host.at("Binds") == ["/a:/b:ro"])
        #expect(request.at("Volumes") == .object(["/anon": .object([:])]))
        #expect(host.at("NetworkMode") == "host")
        #expect(host.at("UTSMode") == "host")
        #expect(host.at("Privileged") == true)
        #expect(host.at("RestartPolicy") == ["Name": "on-failure", "MaximumRetryCount": 3])
        #expect(host.at("Ulimits") == [["Name": "nofile", "Soft": 1024, "Hard": 2048], ["Name": "nproc", "Soft": 10, "Hard": 10]])
        #expect(host.at("Memory") == .int(1 << 30))
        #expect(host.at("MemorySwap") == -1)
        #expect(host.at("CpuShares") == 512)
        #expect(host.at("CpusetCpus") == nil, "all: the engine's choice")
        #expect(host.at("CapAdd") == ["CAP_NET_ADMIN"])
        #expect(host.at("CapDrop") == ["ALL"])
        #expect(host.at("SecurityOpt") == ["label=disable"])
        #expect(host.at("LogConfig") == ["Type": "", "Config": ["tag": "svc"]])
        #expect(request.at("StopTimeout") == 90)
        #expect(request.at("User") == "42")
        #expect(request.at("Hostname") == "h")
    }

    @Test func labelsCarryTheDefinitionAsPaunchWritesIt() throws {
        let request = try body(["image": "i", "net": "host", "environment": ["A": "1"]])
        let labels = request.at("Labels")?.objectValue
        #expect(labels?.keys == ["config_id", "container_name", "managed_by", "config_data"])
        #expect(labels?["config_data"] == #"{"image": "i", "net": "host", "environment": {"A": "1"}}"#)
    }

    @Test func healthcheckTestIsAShellCommandAndDurationsAreGoDurations() throws {
        let request = try body(["image": "i", "healthcheck": ["test": "/openstack/healthcheck 5000", "interval": "30s", "retries": 3]])
        #expect(request.at("Healthcheck") == ["Test": ["CMD-SHELL", "/openstack/healthcheck 5000"], "Interval": 30_000_000_000, "Retries": 3])
    }

    @Test func execTakesItsTargetFromTheCommand() throws {
        let d = try definition(["action": "exec", "user": "root", "command": ["keystone", "pkill", "--signal", "USR1", "httpd"]], name: "refresh")
        #expect(d.execTarget == "keystone")
        #expect(try StartupRequest.execBody(d).at("Cmd") == ["pkill", "--signal", "USR1", "httpd"])
        #expect(throws: (any Error).self) { try definition(["action": "exec", "image": "i", "command": ["x", "y"]], name: "bad") }
    }

    @Test func units() {
        #expect(EngineUnits.ramBytes("512m") == 512 << 20)
        #expect(EngineUnits.ramBytes("1.5GB") == 3 << 29)
        #expect(EngineUnits.ramBytes("100") == 100)
        #expect(EngineUnits.ramBytes("1x") == nil)
        #expect(EngineUnits.goDuration("1m30s") == 90_000_000_000)
        #expect(EngineUnits.goDuration("300ms") == 300_000_000)
        #expect(EngineUnits.paunchDuration("1h1m1s1ms1us").map { ($0 * 1e6).rounded() } == 3_661_001_001)
        #expect(EngineUnits.paunchDuration("2.5s") == 2.5)
        #expect(EngineUnits.paunchDuration("120") == 120)
        #expect(EngineUnits.pythonSplit("  a\tb\n c ") == ["a", "b", "c"])
    }

    @Test func wavesFollowStartOrderThenDependsOn() throws {
        let defs = try [
            definition(["image": "i", "start_order": 1], name: "b"), definition(["image": "i", "start_order": 1, "depends_on": ["c"]], name: "a"),
            definition(["image": "i", "start_order": 1], name: "c"), definition(["image": "i"], name: "z"),
        ]
        let waves = try Waves.of(defs, existing: { _ in false }).map { $0.map(\.name) }
        #expect(waves == [["z"], ["b", "c"], ["a"]])
        #expect(throws: (any Error).self) {
            try Waves.of([definition(["image": "i", "depends_on": ["nobody"]], name: "x")], existing: { _ in false })
        }
    }
}
