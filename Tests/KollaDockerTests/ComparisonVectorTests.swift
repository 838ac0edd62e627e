import JSON
import ModuleKit
import Testing

@testable import KollaDocker

/// Kolla-Ansible 23's `compare_<x>` unit-test vectors (tests/kolla_container_tests/test_docker_worker.py),
/// one row per upstream test, run against our comparison table. Where we deliberately differ the
/// row says so; the fixed false positives have their own suite.
@Suite struct ComparisonVectorTests {
    struct Vector: CustomTestStringConvertible, Sendable {
        var test: String
        var check: String
        var options: JSONObject
        var hostConfig: JSONObject = [:]
        var config: JSONObject = [:]
        var state = "running"
        var differs: Bool
        var testDescription: String { test }
    }

    static let vectors: [Vector] = [
        .init(test: "cap_add_neg", check: "cap_add", options: ["cap_add": ["data"]], hostConfig: ["CapAdd": ["data"]], differs: false),
        .init(test: "cap_add_pos", check: "cap_add", options: ["cap_add": ["data2"]], hostConfig: ["CapAdd": ["data1"]], differs: true),
        .init(
            test: "cap_add order ignored", check: "cap_add", options: ["cap_add": ["b", "a"]], hostConfig: ["CapAdd": ["a", "b"]], differs: false),
        .init(test: "cap_add null current", check: "cap_add", options: ["cap_add": []], hostConfig: ["CapAdd": nil], differs: false),
        .init(test: "group_add_neg", check: "group_add", options: ["group_add": ["1000"]], hostConfig: ["GroupAdd": ["1000"]], differs: false),
        .init(test: "group_add_pos", check: "group_add", options: ["group_add": ["2000"]], hostConfig: ["GroupAdd": ["1000"]], differs: true),
        .init(test: "group_add_empty", check: "group_add", options: ["group_add": []], hostConfig: ["GroupAdd": nil], differs: false),
        // Kolla's systemd-journal (gid 190 there) becomes root (gid 0), which every host has.
        .init(test: "group_add_by_name_neg", check: "group_add", options: ["group_add": ["root"]], hostConfig: ["GroupAdd": ["0"]], differs: false),
        .init(test: "group_add_by_name_pos", check: "group_add", options: ["group_add": ["root"]], hostConfig: ["GroupAdd": ["190"]], differs: true),
        .init(test: "ipc_mode_neg", check: "ipc_mode", options: ["ipc_mode": "data"], hostConfig: ["IpcMode": "data"], differs: false),
        .init(test: "ipc_mode_pos", check: "ipc_mode", options: ["ipc_mode": "data2"], hostConfig: ["IpcMode": "data1"], differs: true),
        .init(test: "ipc_mode absent", check: "ipc_mode", options: [:], hostConfig: ["IpcMode": "shareable"], differs: false),
        .init(
            test: "security_opt_neg", check: "security_opt", options: ["security_opt": ["data"]], hostConfig: ["SecurityOpt": ["data"]],
            differs: false),
        .init(
            test: "security_opt_pos", check: "security_opt", options: ["security_opt": ["data2"]], hostConfig: ["SecurityOpt": ["data1"]],
            differs: true),
        .init(
            test: "security_opt ignored when privileged", check: "security_opt", options: ["security_opt": ["data2"], "privileged": true],
            hostConfig: ["SecurityOpt": ["data1"]], differs: false),
        .init(
            test: "security_opt ignored with ipc host", check: "security_opt", options: ["security_opt": ["x"], "ipc_mode": "host"], hostConfig: [:],
            differs: false),
        .init(
            test: "security_opt ignored with pid host", check: "security_opt", options: ["security_opt": ["x"], "pid_mode": "host"], hostConfig: [:],
            differs: false),
        .init(test: "pid_mode_neg", check: "pid_mode", options: ["pid_mode": "host"], hostConfig: ["PidMode": "host"], differs: false),
        .init(test: "pid_mode_pos", check: "pid_mode", options: ["pid_mode": "host2"], hostConfig: ["PidMode": "host1"], differs: true),
        .init(test: "pid_mode omitted, container host", check: "pid_mode", options: [:], hostConfig: ["PidMode": "host"], differs: true),
        .init(test: "pid_mode omitted, container default", check: "pid_mode", options: [:], hostConfig: ["PidMode": ""], differs: false),
        .init(
            test: "cgroupns_mode_neg", check: "cgroupns_mode", options: ["cgroupns_mode": "host"], hostConfig: ["CgroupnsMode": "host"],
            differs: false),
        .init(
            test: "cgroupns_mode_neg_backward_compat", check: "cgroupns_mode", options: ["cgroupns_mode": "host"], hostConfig: ["CgroupnsMode": ""],
            differs: false),
        .init(test: "cgroupns_mode_ignore", check: "cgroupns_mode", options: [:], hostConfig: ["CgroupnsMode": "private"], differs: false),
        .init(
            test: "cgroupns_mode_pos", check: "cgroupns_mode", options: ["cgroupns_mode": "host"], hostConfig: ["CgroupnsMode": "private"],
            differs: true),
        .init(
            test: "cgroupns_mode_pos_backward_compat", check: "cgroupns_mode", options: ["cgroupns_mode": "private"],
            hostConfig: ["CgroupnsMode": ""], differs: true),
        .init(test: "cgroupns_mode_unsupported", check: "cgroupns_mode", options: ["cgroupns_mode": "host"], hostConfig: [:], differs: false),
        .init(test: "privileged_neg", check: "privileged", options: ["privileged": true], hostConfig: ["Privileged": true], differs: false),
        .init(test: "privileged_pos", check: "privileged", options: ["privileged": false], hostConfig: ["Privileged": true], differs: true),
        .init(test: "tmpfs_neg", check: "tmpfs", options: ["tmpfs": ["/foo"]], hostConfig: ["Tmpfs": ["/foo": ""]], differs: false),
        .init(test: "tmpfs_neg_empty_string", check: "tmpfs", options: ["tmpfs": [""]], hostConfig: [:], differs: false),
        .init(test: "tmpfs_pos_different", check: "tmpfs", options: ["tmpfs": ["/bar"]], hostConfig: ["Tmpfs": ["/foo": ""]], differs: true),
        .init(test: "tmpfs_pos_empty_new", check: "tmpfs", options: [:], hostConfig: ["Tmpfs": ["/foo": ""]], differs: true),
        .init(test: "tmpfs_pos_empty_current", check: "tmpfs", options: ["tmpfs": ["/bar"]], hostConfig: [:], differs: true),
        .init(
            test: "volumes_from_neg", check: "volumes_from", options: ["volumes_from": ["777f7dc92da7"]],
            hostConfig: ["VolumesFrom": ["777f7dc92da7"]], differs: false),
        .init(
            test: "volumes_from_post", check: "volumes_from", options: ["volumes_from": ["ba8c0c54f0f2"]],
            hostConfig: ["VolumesFrom": ["777f7dc92da7"]], differs: true),
        .init(
            test: "volumes_neg", check: "volumes", options: ["volumes": ["kolla_logs:/var/log/kolla/:rw"]],
            hostConfig: ["Binds": ["kolla_logs:/var/log/kolla/:rw"]], config: ["Volumes": ["/var/log/kolla/": [:]]], differs: false),
        .init(
            test: "volumes_pos", check: "volumes", options: ["volumes": ["/dev/:/dev/:rw"]],
            hostConfig: ["Binds": ["kolla_logs:/var/log/kolla/:rw"]], config: ["Volumes": ["/var/log/kolla/": [:]]], differs: true),
        .init(
            test: "volumes reordered, mode rw implied", check: "volumes", options: ["volumes": ["/b:/b", "a:/a:ro", ""]],
            hostConfig: ["Binds": ["a:/a:ro", "/b:/b:rw"]], config: ["Volumes": ["/a": [:], "/b": [:]]], differs: false),
        .init(
            test: "volumes ro to rw", check: "volumes", options: ["volumes": ["/b:/b:rw"]],
            hostConfig: ["Binds": ["/b:/b:ro"]], config: ["Volumes": ["/b": [:]]], differs: true),
        .init(
            test: "environment_neg", check: "environment",
            options: ["environment": ["KOLLA_CONFIG_STRATEGY": "COPY_ALWAYS", "KOLLA_BASE_DISTRO": "ubuntu"]],
            config: ["Env": ["KOLLA_CONFIG_STRATEGY=COPY_ALWAYS", "KOLLA_BASE_DISTRO=ubuntu", "KOLLA_SERVICE_NAME=test-container", "TZ=UTC"]],
            differs: false),
        .init(
            test: "environment_pos", check: "environment",
            options: ["environment": ["KOLLA_CONFIG_STRATEGY": "COPY_ALWAYS", "KOLLA_BASE_DISTRO": "centos"]],
            config: ["Env": ["KOLLA_CONFIG_STRATEGY=COPY_ALWAYS", "KOLLA_BASE_DISTRO=ubuntu", "KOLLA_SERVICE_NAME=test-container", "TZ=UTC"]],
            differs: true),
        .init(
            test: "environment_tz_change", check: "environment", options: ["environment": ["KOLLA_CONFIG_STRATEGY": "COPY_ALWAYS"]],
            config: ["Env": ["KOLLA_CONFIG_STRATEGY=COPY_ALWAYS", "KOLLA_SERVICE_NAME=test-container", "TZ=America/New_York"]],
            differs: true),
        .init(
            test: "environment key removed is no difference", check: "environment", options: [:],
            config: ["Env": ["PATH=/bin", "OLD=1", "KOLLA_SERVICE_NAME=test-container", "TZ=UTC"]], differs: false),
        .init(
            test: "environment explicit TZ wins", check: "environment", options: ["environment": ["TZ": "Europe/Paris"]],
            config: ["Env": ["TZ=Europe/Paris", "KOLLA_SERVICE_NAME=test-container"]], differs: false),
        .init(
            test: "environment None is empty", check: "environment", options: ["environment": ["EMPTY": nil]],
            config: ["Env": ["EMPTY=", "KOLLA_SERVICE_NAME=test-container", "TZ=UTC"]], differs: false),
        .init(test: "container_state_neg", check: "container_state", options: ["state": "running"], state: "running", differs: false),
        .init(test: "container_state_pos", check: "container_state", options: ["state": "exited"], state: "running", differs: true),
        .init(
            test: "dimensions_pos", check: "dimensions", options: ["dimensions": ["blkio_weight": 10, "mem_limit": 30]],
            hostConfig: Self.zeroDimensions, differs: true),
        .init(
            test: "dimensions_short_notation_not_changed", check: "dimensions",
            options: ["dimensions": ["mem_limit": "1024", "mem_reservation": "3M", "memswap_limit": "2g"]],
            hostConfig: Self.zeroDimensions.merging([
                "Memory": 1024, "MemoryReservation": .int(3 * 1024 * 1024), "MemorySwap": .int(2 * 1024 * 1024 * 1024),
            ]),
            differs: false),
        .init(
            test: "dimensions_short_notation_changed", check: "dimensions", options: ["dimensions": ["mem_limit": "10m"]],
            hostConfig: Self.zeroDimensions.merging(["Memory": 1024]), differs: true),
        .init(
            test: "dimensions_neg", check: "dimensions", options: ["dimensions": ["blkio_weight": 10]],
            hostConfig: Self.zeroDimensions.merging(["BlkioWeight": 10]), differs: false),
        .init(
            test: "empty_dimensions", check: "dimensions", options: ["dimensions": [:]], hostConfig: Self.zeroDimensions.merging(["CpusetCpus": "1"]),
            differs: true),
        .init(
            test: "dimensions_removed_and_changed", check: "dimensions", options: ["dimensions": ["mem_reservation": 10]],
            hostConfig: Self.zeroDimensions.merging(["Memory": 10, "MemoryReservation": 10]), differs: true),
        .init(
            test: "dimensions_explicit_default", check: "dimensions", options: ["dimensions": ["mem_reservation": 0]],
            hostConfig: Self.zeroDimensions, differs: false),
        .init(
            test: "cpuset_cpus_empty_current", check: "dimensions", options: ["dimensions": ["cpuset_cpus": "0-1,32-33"]],
            hostConfig: Self.zeroDimensions, differs: true),
        .init(
            test: "cpuset_cpus_same", check: "dimensions", options: ["dimensions": ["cpuset_cpus": "0-1,32-33"]],
            hostConfig: Self.zeroDimensions.merging(["CpusetCpus": "0-1,32-33"]), differs: false),
        .init(
            test: "cpuset_cpus_different", check: "dimensions", options: ["dimensions": ["cpuset_cpus": "0-1,32-33"]],
            hostConfig: Self.zeroDimensions.merging(["CpusetCpus": "0-3"]), differs: true),
        .init(
            test: "cpuset_mems_empty_current", check: "dimensions", options: ["dimensions": ["cpuset_mems": "0"]], hostConfig: Self.zeroDimensions,
            differs: true),
        .init(
            test: "cpuset_mems_same", check: "dimensions", options: ["dimensions": ["cpuset_mems": "0"]],
            hostConfig: Self.zeroDimensions.merging(["CpusetMems": "0"]), differs: false),
        .init(
            test: "cpuset_mems_different", check: "dimensions", options: ["dimensions": ["cpuset_mems": "0"]],
            hostConfig: Self.zeroDimensions.merging(["CpusetMems": "1"]), differs: true),
        .init(
            test: "ulimits_pos", check: "dimensions", options: ["dimensions": ["ulimits": ["nofile": ["soft": 131072, "hard": 131072]]]],
            hostConfig: Self.zeroDimensions.merging(["Ulimits": []]), differs: true),
        .init(
            test: "ulimits_neg", check: "dimensions", options: ["dimensions": ["ulimits": ["nofile": ["soft": 131072, "hard": 131072]]]],
            hostConfig: Self.zeroDimensions.merging(["Ulimits": [["Name": "nofile", "Soft": 131072, "Hard": 131072]]]), differs: false),
        .init(
            test: "ulimits omitted while container has some", check: "dimensions", options: [:],
            hostConfig: Self.zeroDimensions.merging(["Ulimits": [["Name": "nofile", "Soft": 1, "Hard": 1]]]), differs: true),
        .init(
            test: "empty_new_healthcheck", check: "healthcheck", options: [:],
            config: [
                "Healthcheck": [
                    "Test": ["CMD-SHELL", "/bin/check.sh"], "Interval": 30_000_000_000, "Timeout": 30_000_000_000, "StartPeriod": 5_000_000_000,
                    "Retries": 3,
                ]
            ],
            differs: true),
        .init(
            test: "empty_current_healthcheck", check: "healthcheck",
            options: ["healthcheck": ["test": ["CMD-SHELL", "/bin/check.sh"], "interval": 30, "timeout": 30, "start_period": 5, "retries": 3]],
            differs: true),
        .init(
            test: "healthcheck_neg", check: "healthcheck",
            options: ["healthcheck": ["test": ["CMD-SHELL", "/bin/check.sh"], "interval": 30, "timeout": 30, "start_period": 5, "retries": 3]],
            config: [
                "Healthcheck": [
                    "Test": ["CMD-SHELL", "/bin/check.sh"], "Interval": 30_000_000_000, "Timeout": 30_000_000_000, "StartPeriod": 5_000_000_000,
                    "Retries": 3,
                ]
            ],
            differs: false),
        .init(
            test: "healthcheck_time_zero", check: "healthcheck",
            options: ["healthcheck": ["test": ["CMD-SHELL", "/bin/check.sh"], "interval": 0, "timeout": 30, "start_period": 5, "retries": 3]],
            config: [
                "Healthcheck": [
                    "Test": ["CMD-SHELL", "/bin/check.sh"], "Interval": 30_000_000_000, "Timeout": 30_000_000_000, "StartPeriod": 5_000_000_000,
                    "Retries": 3,
                ]
            ],
            differs: true),
        .init(
            test: "healthcheck test as a string, durations as strings", check: "healthcheck",
            options: ["healthcheck": ["test": "/bin/check.sh", "interval": "30", "timeout": "30", "start_period": "5", "retries": "3"]],
            config: [
                "Healthcheck": [
                    "Test": ["CMD-SHELL", "/bin/check.sh"], "Interval": 30_000_000_000, "Timeout": 30_000_000_000, "StartPeriod": 5_000_000_000,
                    "Retries": 3,
                ]
            ],
            differs: false),
        .init(
            test: "healthcheck NONE while the container has one", check: "healthcheck", options: ["healthcheck": ["test": "NONE"]],
            config: ["Healthcheck": ["Test": ["CMD-SHELL", "true"], "Interval": 1]], differs: true),
        .init(
            test: "healthcheck NONE and disabled", check: "healthcheck", options: ["healthcheck": ["test": ["NONE"]]],
            config: ["Healthcheck": ["Test": ["NONE"]]], differs: false),
        .init(test: "command omitted", check: "command", options: [:], differs: false),
        .init(test: "command same", check: "command", options: ["command": "kolla_start"], differs: false),
        .init(test: "command changed", check: "command", options: ["command": "sleep 1"], differs: true),
    ]

    static let zeroDimensions: JSONObject = [
        "Memory": 0, "MemoryReservation": 0, "MemorySwap": 0, "CpuPeriod": 0, "CpuQuota": 0, "CpuShares": 0,
        "CpusetCpus": "", "CpusetMems": "", "BlkioWeight": 0, "Ulimits": nil,
    ]

    @Test(arguments: vectors)
    func vector(_ v: Vector) throws {
        #expect(try Fixtures.differs(v.check, v.options, hostConfig: v.hostConfig, config: v.config, state: v.state) == v.differs)
    }

    @Test func groupAddByUnknownNameFails() {
        // Kolla: KeyError from grp.getgrnam (the task fails with a traceback).
        let failure = ModuleFailure.from { _ = try Fixtures.desired(["group_add": ["no-such-group-oc"]]) }
        #expect(failure?.msg == "group_add: group 'no-such-group-oc' does not exist on this host")
    }

    // MARK: labels (Kolla reads the desired image's labels; we read the container's own image's)

    static let imageLabels: JSONObject = ["kolla_version": "1.0.1"]

    @Test func labelsImageMissingIsNotCompared() throws {
        let container = Fixtures.container(config: ["Labels": ["kolla_version": "1.0.1"]])
        #expect(try Fixtures.check("labels", Fixtures.desired(["labels": [:]]), container, image: nil) == nil)
    }

    @Test func labelsNeg() throws {
        let container = Fixtures.container(config: ["Labels": ["kolla_version": "2.0.1"]])
        let image = Fixtures.image(config: ["Labels": ["kolla_version": "2.0.1"]])
        #expect(try Fixtures.check("labels", Fixtures.desired(["labels": ["kolla_version": "2.0.1"]]), container, image: image) == nil)
    }

    @Test func labelsPos() throws {
        let container = Fixtures.container(config: ["Labels": .object(Self.imageLabels)])
        let image = Fixtures.image(config: ["Labels": .object(Self.imageLabels)])
        let failure = try Fixtures.check("labels", Fixtures.desired(["labels": ["kolla_version": "2.0.1"]]), container, image: image)
        #expect(failure == ComparisonFailure(name: "labels", current: ["kolla_version": "1.0.1"], desired: ["kolla_version": "2.0.1"]))
    }

    @Test func extraLabelDiffers() throws {
        let container = Fixtures.container(config: ["Labels": ["kolla_version": "1.0.1"]])
        let image = Fixtures.image(config: ["Labels": .object(Self.imageLabels)])
        #expect(try Fixtures.check("labels", Fixtures.desired(["labels": ["extra": "x"]]), container, image: image) != nil)
    }

    // MARK: image (compare_image)

    @Test(arguments: [
        // (desired image, desired present locally with id, container Config.Image, container image id, differs)
        ("nova:1", Fixtures.imageID as String?, "nova:1", Fixtures.imageID, false),
        ("nova:2", Fixtures.imageID, "nova:1", Fixtures.imageID, true),  // other tag, same id: Kolla reports image
        ("nova:1", nil, "nova:1", Fixtures.imageID, true),  // desired image not local
        ("nova:1", Fixtures.otherImageID, "nova:1", Fixtures.imageID, true),  // tag moved to a new build
        ("quay.io/k/nova", Fixtures.imageID, "quay.io/k/nova:latest", Fixtures.imageID, false),  // ours: x == x:latest
    ])
    func image(_ wanted: String, _ desiredID: String?, _ current: String, _ currentID: String, _ differs: Bool) throws {
        let container = Fixtures.container(config: ["Image": .string(current)], image: currentID)
        let failure = try Fixtures.check("image", Fixtures.desired(["image": .string(wanted)]), container, desiredImageID: desiredID)
        #expect((failure != nil) == differs)
    }

    @Test func failureShowsCurrentAndDesired() throws {
        let failure = try Fixtures.check(
            "cap_add", Fixtures.desired(["cap_add": ["NET_ADMIN"]]), Fixtures.container(hostConfig: ["CapAdd": ["SYS_ADMIN"]]))
        #expect(failure?.json == ["name": "cap_add", "current": ["SYS_ADMIN"], "desired": ["NET_ADMIN"]])
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
