import JSON
import Testing

@testable import KollaDocker

/// The comparison and the create request on Podman, from inspect data measured on Podman 4.3.1's
/// Docker-compatible API (no daemon needed; LivePodmanTests runs the same against Podman).
@Suite struct PodmanComparisonTests {
    /// A Kolla-style definition, as in LivePodmanTests.
    static let options: JSONObject = [
        "name": "oc_pm_svc", "image": "overcloud-test/kolla-base:1",
        "environment": ["KOLLA_CONFIG_STRATEGY": "COPY_ALWAYS", "OC_PM_A": "1"],
        "volumes": ["/etc/oc_pm/config/:/var/lib/kolla/config_files/:ro", "oc_pm_logs:/var/log/kolla/", "/srv/oc_pm_anon"],
        "labels": ["oc_pm": "live"], "cap_add": ["NET_ADMIN"], "tmpfs": ["/run/oc_pm", "/run/oc_pm_opt:size=1m"],
        "healthcheck": ["test": ["CMD-SHELL", "true"], "interval": 30, "timeout": 30, "retries": 3, "start_period": 5],
        "dimensions": ["mem_limit": "64m", "ulimits": ["nofile": ["soft": 1024, "hard": 2048]]],
        "restart_policy": "unless-stopped",
    ]
    static let anonymous = String(repeating: "9b67f652", count: 8)

    /// What Podman 4.3 reports for a container created from `options` by our create request.
    static let podmanInspect: JSONValue = Fixtures.container(
        hostConfig: [
            "Binds": [
                "/etc/oc_pm/config:/var/lib/kolla/config_files/:ro,rprivate,rbind",
                "oc_pm_logs:/var/log/kolla/:rw,rprivate,nosuid,nodev,rbind",
                .string(anonymous + ":/srv/oc_pm_anon:rw,rprivate,nosuid,nodev,rbind"),
            ],
            "CapAdd": ["NET_ADMIN"], "CapDrop": ["MKNOD", "NET_RAW"], "IpcMode": "shareable", "PidMode": "private",
            "CgroupnsMode": "", "Privileged": false, "SecurityOpt": [], "GroupAdd": [], "VolumesFrom": nil,
            "Tmpfs": ["/run/oc_pm": "rw,rprivate,nosuid,nodev,tmpcopyup", "/run/oc_pm_opt": "size=1m,rw,rprivate,nosuid,nodev,tmpcopyup"],
            "Memory": 67_108_864, "MemorySwap": 134_217_728, "MemoryReservation": 0, "CpuShares": 0, "CpusetCpus": "",
            "Ulimits": [
                ["Name": "RLIMIT_NOFILE", "Hard": 2048, "Soft": 1024], ["Name": "RLIMIT_NPROC", "Hard": 1_048_576, "Soft": 1_048_576],
            ],
            "RestartPolicy": ["Name": "unless-stopped", "MaximumRetryCount": 0], "NetworkMode": "host",
        ],
        config: [
            "Image": "localhost/overcloud-test/kolla-base:1", "Volumes": nil, "Labels": ["oc_pm": "live"],
            "Env": ["KOLLA_CONFIG_STRATEGY=COPY_ALWAYS", "OC_PM_A=1", "KOLLA_SERVICE_NAME=oc-pm-svc", "TZ=UTC", "TERM=xterm", "container=podman"],
            "Healthcheck": [
                "Test": ["CMD-SHELL", "true"], "Interval": 30_000_000_000, "Timeout": 30_000_000_000, "StartPeriod": 5_000_000_000, "Retries": 3,
            ],
        ])

    /// The comparison as the worker makes it on Podman: the inspect read through `PodmanInspect.dockerView`
    /// (`podman: false`: the same data read as Docker's).
    static func comparison(
        _ changes: JSONObject = [:], container: JSONValue = podmanInspect, hostIPC: Bool? = false, podman: Bool = true
    ) throws -> ContainerComparison {
        let comparison = ContainerComparison(
            spec: try Fixtures.desired(options.merging(changes)), container: container, containerImage: Fixtures.image(),
            desiredImageID: Fixtures.imageID)
        return podman ? PodmanInspect.dockerView(comparison, sharesHostIPC: hostIPC) : comparison
    }

    static func failing(_ changes: JSONObject = [:], hostIPC: Bool? = false) throws -> [String] {
        try comparison(changes, hostIPC: hostIPC).failures().map(\.name)
    }

    @Test func unchangedContainerHasNoDifferences() throws {
        #expect(try Self.comparison().failures() == [])
        // The same data read as Docker's differs on most checks: the normal forms are needed.
        let docker = try Self.comparison(podman: false)
        #expect(Set(docker.failures().map(\.name)) == ["image", "volumes", "tmpfs", "dimensions"])
    }

    @Test func oneChangeIsOneDifference() throws {
        #expect(try Self.failing(["environment": ["KOLLA_CONFIG_STRATEGY": "COPY_ALWAYS", "OC_PM_A": "2"]]) == ["environment"])
        #expect(try Self.failing(["cap_add": ["NET_ADMIN", "SYS_ADMIN"]]) == ["cap_add"])
        #expect(
            try Self.failing(["volumes": ["/etc/oc_pm/config:/var/lib/kolla/config_files:rw", "oc_pm_logs:/var/log/kolla/", "/srv/oc_pm_anon"]]) == [
                "volumes"
            ])
        #expect(try Self.failing(["volumes": ["/etc/oc_pm/config/:/var/lib/kolla/config_files/:ro", "oc_pm_logs:/var/log/kolla/"]]) == ["volumes"])
        #expect(try Self.failing(["tmpfs": ["/run/oc_pm", "/run/oc_pm_opt:size=2m"]]) == ["tmpfs"])
        #expect(try Self.failing(["dimensions": ["mem_limit": "64m", "ulimits": ["nofile": ["soft": 1024, "hard": 4096]]]]) == ["dimensions"])
        // Limitation: an unrequested nofile/nproc cannot be told from the ones Podman sets by itself.
        #expect(try Self.failing(["dimensions": ["mem_limit": "64m"]]) == [])
        #expect(
            try Self.failing([
                "dimensions": ["mem_limit": "64m", "ulimits": ["nofile": ["soft": 1024, "hard": 2048], "core": ["soft": 0, "hard": 0]]]
            ]) == ["dimensions"])
        #expect(try Self.failing(["restart_policy": "always"]) == ["restart_policy"])
        #expect(try Self.failing(["image": "overcloud-test/busybox:1"]) == ["image"])
    }

    @Test func spellingsThatMeanTheSame() throws {
        // Binds: trailing slashes, rw implied, Podman's own flags; capabilities: case and CAP_ prefix.
        #expect(
            try Self.failing(["volumes": ["/etc/oc_pm/config:/var/lib/kolla/config_files:ro", "oc_pm_logs:/var/log/kolla:rw", "/srv/oc_pm_anon/"]])
                == [])
        #expect(try Self.failing(["cap_add": ["cap_net_admin"]]) == [])
        #expect(try Self.failing(["image": "localhost/overcloud-test/kolla-base:1"]) == [])
        #expect(try Self.failing(["dimensions": ["mem_limit": "64m", "ulimits": ["NOFILE": ["soft": 1024, "hard": 2048]]]]) == [])
        // Docker-default capabilities are not listed in Podman's CapAdd unless dropped.
        #expect(try Self.failing(["cap_add": ["NET_ADMIN", "CHOWN"]]) == [])
        #expect(try Self.failing(["cap_add": ["NET_ADMIN", "NET_RAW"]]) == ["cap_add"])
        // cgroupns_mode: neither applied nor reported by Podman's compatible API, so not compared.
        #expect(try Self.failing(["cgroupns_mode": "private"]) == [])
    }

    @Test func auditWriteIsDesiredForUnprivilegedContainers() throws {
        var hostConfig = Self.podmanInspect.at("HostConfig")?.objectValue ?? [:]
        hostConfig["CapDrop"] = ["AUDIT_WRITE", "MKNOD", "NET_RAW"]  // created without it (by hand, or by Kolla's Docker worker)
        let container = Fixtures.container(hostConfig: hostConfig, config: Self.podmanInspect.at("Config")?.objectValue ?? [:])
        let failure = try Self.comparison(container: container).failures().first
        #expect(failure?.json == ["name": "cap_add", "current": ["NET_ADMIN"], "desired": ["AUDIT_WRITE", "NET_ADMIN"]])
        #expect(try Self.comparison(["privileged": true, "cap_add": ["SYS_ADMIN"]], container: container).failures().map(\.name) == ["privileged"])
    }

    @Test func ipcModeIsReadFromTheNamespace() throws {
        #expect(try Self.failing(["ipc_mode": "private"], hostIPC: false) == [])
        #expect(try Self.failing(["ipc_mode": "shareable"], hostIPC: false) == [])
        #expect(try Self.failing(["ipc_mode": "host"], hostIPC: false) == ["ipc_mode"])
        #expect(try Self.failing(["ipc_mode": "host"], hostIPC: true) == [])
        #expect(try Self.failing(["ipc_mode": "private"], hostIPC: true) == ["ipc_mode"])
        #expect(try Self.failing(["ipc_mode": "host"], hostIPC: nil) == [])  // not running or not local: cannot tell
    }

    /// The normaliser itself: Podman's inspect of an unchanged container comes out as Docker reports
    /// a container made by Docker's request (binds, volumes, tmpfs, image as requested; Podman's
    /// defaults gone); a value that differs stays, in normal form.
    @Test func podmanInspectReadsAsDockers() throws {
        let spec = try Fixtures.desired(Self.options.merging(["ipc_mode": "shareable", "cgroupns_mode": "private"]))
        let docker = CreateRequest.body(spec)
        let view = PodmanInspect.dockerView(Self.podmanInspect, spec: spec, sharesHostIPC: false)
        #expect(view.at("Config", "Image") == docker.at("Image"))
        #expect(view.at("HostConfig", "Binds") == docker.at("HostConfig", "Binds"))
        #expect(view.at("Config", "Volumes")?.objectValue?.keys.sorted() == docker.at("Volumes")?.objectValue?.keys.sorted())
        #expect(view.at("HostConfig", "Tmpfs") == docker.at("HostConfig", "Tmpfs"))
        #expect(view.at("HostConfig", "IpcMode") == "shareable")
        #expect(view.at("HostConfig", "PidMode") == "")
        #expect(view.at("HostConfig", "CgroupnsMode") == nil)
        #expect(view.at("HostConfig", "Ulimits")?.arrayValue?.compactMap { $0.at("Name")?.stringValue } == ["RLIMIT_NOFILE"])
        // Docker's defaults count as listed unless Podman dropped them: AUDIT_WRITE (requested on Podman) is there.
        #expect(view.at("HostConfig", "CapAdd") == ["AUDIT_WRITE", "NET_ADMIN"])
        #expect(view.at("Config", "Env") == Self.podmanInspect.at("Config", "Env"))  // what needs no view is left as is

        // Differences stay visible: in the host's IPC namespace, another image, a bind made read-write.
        var host = Self.podmanInspect.at("HostConfig")?.objectValue ?? [:]
        var config = Self.podmanInspect.at("Config")?.objectValue ?? [:]
        host["Binds"] = ["/etc/oc_pm/config:/var/lib/kolla/config_files/:rw,rprivate,rbind"]
        config["Image"] = "localhost/overcloud-test/busybox:1"
        let changed = PodmanInspect.dockerView(Fixtures.container(hostConfig: host, config: config), spec: spec, sharesHostIPC: true)
        #expect(changed.at("HostConfig", "IpcMode") == "host")
        #expect(changed.at("Config", "Image") == "localhost/overcloud-test/busybox:1")
        #expect(changed.at("HostConfig", "Binds") == ["/etc/oc_pm/config:/var/lib/kolla/config_files:rw"])
    }

    @Test(arguments: [
        ("/a/:/b/:ro", "/a:/b:ro"), ("/a:/b", "/a:/b:rw"), ("/a:/b:ro,rprivate,rbind", "/a:/b:ro"),
        ("v:/b:rw,rprivate,nosuid,nodev,rbind", "v:/b:rw"), ("/a:/b:ro,z", "/a:/b:ro"), ("/a:/b:shared", "/a:/b:rw,shared"),
        ("/a:/b:shared,rw,rbind", "/a:/b:rw,shared"), ("/:/host:ro", "/:/host:ro"), ("/run/x:/run/x:rw,noexec,rprivate,rbind", "/run/x:/run/x:rw"),
        ("/a:/b:noexec", "/a:/b:noexec,rw"),
    ])
    func bindNormalForm(_ given: String, _ expected: String) {
        #expect(PodmanInspect.bind(given) == expected)
    }

    @Test func createRequest() throws {
        let spec = try Fixtures.desired(Self.options)
        let podman = CreateRequest.body(spec, flavor: .podman)
        #expect(podman.at("Volumes") == ["/srv/oc_pm_anon": [:]])
        #expect(podman.at("HostConfig", "CapAdd") == ["NET_ADMIN", "AUDIT_WRITE"])
        #expect(podman.at("HostConfig", "Binds") == CreateRequest.body(spec).at("HostConfig", "Binds"))
        let privileged = try Fixtures.desired(Self.options.merging(["privileged": true]))
        #expect(CreateRequest.body(privileged, flavor: .podman).at("HostConfig", "CapAdd") == ["NET_ADMIN"])
        // Docker's request is unchanged: every container path in Volumes, cap_add as given.
        let docker = CreateRequest.body(spec)
        #expect(docker.at("Volumes")?.objectValue?.keys.sorted() == ["/srv/oc_pm_anon", "/var/lib/kolla/config_files/", "/var/log/kolla/"])
        #expect(docker.at("HostConfig", "CapAdd") == ["NET_ADMIN"])
    }

    @Test func dockerComparesCapabilitySpellingsToo() throws {
        #expect(try Fixtures.differs("cap_add", ["cap_add": ["NET_ADMIN"]], hostConfig: ["CapAdd": ["CAP_NET_ADMIN"]]) == false)
        #expect(
            try Fixtures.differs(
                "dimensions", ["dimensions": ["ulimits": ["nofile": ["soft": 1, "hard": 2]]]],
                hostConfig: ["Ulimits": [["Hard": 2, "Name": "nofile", "Soft": 1]]]) == false)
    }
}
