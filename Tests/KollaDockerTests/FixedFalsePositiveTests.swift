import JSON
import Testing

@testable import KollaDocker

/// Kolla-Ansible 23's idempotency false positives (kolla-ansible.md §1.5, found live) and the other
/// deliberate comparison differences: a container created from the desired spec compares clean.
/// Each comment says what Kolla reports for the same container.
@Suite struct FixedFalsePositiveTests {
    static let base: JSONObject = [
        "action": "start_container", "name": "nova_api", "image": "quay.io/kolla/nova-api:2025.1",
        "environment": ["KOLLA_CONFIG_STRATEGY": "COPY_ALWAYS"],
        "volumes": ["/etc/kolla/nova-api/:/var/lib/kolla/config_files/:ro", "kolla_logs:/var/log/kolla/", ""],
    ]

    static func spec(_ extra: JSONObject) throws -> ContainerSpec {
        try Fixtures.validated(Self.base.merging(extra))
    }

    @Test func identicalContainerHasNoDifferences() throws {
        let spec = try Self.spec([:])
        #expect(Fixtures.failures(spec, Fixtures.created(from: spec)) == [])
    }

    /// 1. Kolla: `dimensions` forever — Docker sets MemorySwap to twice Memory, and Kolla counts any
    /// non-requested truthy dimension as a difference.
    @Test func memLimitWithoutMemswapLimit() throws {
        let spec = try Self.spec(["dimensions": ["mem_limit": "1g"]])
        var container = Fixtures.created(from: spec)
        container = container.setting(["HostConfig", "MemorySwap"], .int(2 << 30))
        #expect(Fixtures.failures(spec, container) == [])
        // -1 (unlimited swap, what some engines report) is Docker's own value too.
        #expect(Fixtures.failures(spec, container.setting(["HostConfig", "MemorySwap"], -1)) == [])
        // A swap limit nobody asked for and Docker would not set still differs.
        #expect(Fixtures.failures(spec, container.setting(["HostConfig", "MemorySwap"], 12345)).map(\.name) == ["dimensions"])
    }

    /// 2. Kolla: `healthcheck` forever — Docker omits zero fields from inspect, so `start_period: 0`
    /// or `retries: 0` never equals Kolla's five-key dict.
    @Test func healthcheckWithZeroFields() throws {
        let spec = try Self.spec(["healthcheck": ["test": "true", "interval": 30, "timeout": 30, "start_period": 0, "retries": 0]])
        let container = Fixtures.created(from: spec).setting(
            ["Config", "Healthcheck"], ["Test": ["CMD-SHELL", "true"], "Interval": 30_000_000_000, "Timeout": 30_000_000_000])
        #expect(Fixtures.failures(spec, container) == [])
    }

    /// 3. Kolla: `environment` forever — `5` and `True` never equal the strings Docker stores.
    @Test func nonStringEnvironmentValues() throws {
        let spec = try Self.spec(["environment": ["WORKERS": 5, "DEBUG": true, "RATIO": 0.5, "EMPTY": nil]])
        let container = Fixtures.created(from: spec)
        #expect(container.at("Config", "Env")?.strings.contains("DEBUG=True") == true)
        #expect(container.at("Config", "Env")?.strings.contains("WORKERS=5") == true)
        #expect(Fixtures.failures(spec, container) == [])
    }

    /// 4. Kolla: `systemd_unit` whenever no unit file exists (oneshot containers, hosts without
    /// systemd). We generate no units: restart policies are Docker's, so there is nothing to compare.
    @Test func noSystemdUnitCheck() throws {
        let spec = try Self.spec(["restart_policy": "oneshot"])
        #expect(!ContainerComparison.checks.map(\.name).contains("systemd_unit"))
        #expect(Fixtures.failures(spec, Fixtures.created(from: spec)) == [])
    }

    /// 5. Kolla: `healthcheck` forever — with `healthcheck` omitted the container inherits the
    /// image's HEALTHCHECK, and Kolla counts any healthcheck on the container as a difference.
    @Test func imageHealthcheckWithOptionOmitted() throws {
        let spec = try Self.spec([:])
        let image = Fixtures.image(config: ["Healthcheck": ["Test": ["CMD-SHELL", "healthcheck_curl"], "Interval": 10_000_000_000]])
        #expect(Fixtures.failures(spec, Fixtures.created(from: spec, image: image), image: image) == [])
    }

    /// Image-declared VOLUMEs and labels are the image's (Kolla: `volumes` forever for an image with
    /// a VOLUME; image labels are ignored by Kolla too, but read from the desired image).
    @Test func imageVolumesAndLabelsAreNotDifferences() throws {
        let spec = try Self.spec(["labels": ["deployed_by": "overcloud"]])
        let image = Fixtures.image(config: ["Volumes": ["/var/lib/mysql": [:]], "Labels": ["build-date": "2025-01-01", "kolla_version": "20.0.0"]])
        #expect(Fixtures.failures(spec, Fixtures.created(from: spec, image: image), image: image) == [])
    }

    /// Labels are judged against the container's own image: after the desired image moved to a new
    /// build with other labels, the container's inherited labels are still not the deployer's
    /// (Kolla reads the new image's labels and reports `labels` as well as `image`).
    @Test func labelsComparedWithTheContainersOwnImage() throws {
        let spec = try Self.spec([:])
        let ownImage = Fixtures.image(config: ["Labels": ["kolla_version": "19.0.0"]])
        let container = Fixtures.created(from: spec, image: ownImage)
        let failures = Fixtures.failures(spec, container, image: ownImage, desiredImageID: Fixtures.otherImageID)
        #expect(failures.map(\.name) == ["image"])
    }

    /// `x` and `x:latest` are one image to Docker (Kolla: `image` forever when a role names the tag
    /// one way and the container was created the other way).
    @Test func untaggedEqualsLatest() throws {
        let spec = try Fixtures.validated(Self.base.merging(["image": "quay.io/kolla/memcached"]))
        let container = Fixtures.created(from: spec).setting(["Config", "Image"], "quay.io/kolla/memcached:latest")
        #expect(Fixtures.failures(spec, container) == [])
    }

    /// tmpfs mount options are compared (Kolla compares only paths after failing to strip the
    /// options: `/run/x:size=1m` is a perpetual difference there; ours compares both).
    @Test func tmpfsOptionsCompared() throws {
        let spec = try Self.spec(["tmpfs": ["/run/x:size=1m"]])
        let container = Fixtures.created(from: spec)
        #expect(container.at("HostConfig", "Tmpfs") == ["/run/x": "size=1m"])
        #expect(Fixtures.failures(spec, container) == [])
        let changed = container.setting(["HostConfig", "Tmpfs"], ["/run/x": "size=2m"])
        #expect(
            Fixtures.failures(spec, changed) == [
                ComparisonFailure(name: "tmpfs", current: ["/run/x:size=2m"], desired: ["/run/x:size=1m"])
            ])
    }

    /// `restart_policy` is compared with Docker's own policy (Kolla compares it only through its
    /// systemd unit file).
    @Test(
        arguments: [
            ("unless-stopped", ["Name": "unless-stopped", "MaximumRetryCount": 0] as JSONValue, false),
            ("always", ["Name": "always", "MaximumRetryCount": 0], false),
            ("no", ["Name": "", "MaximumRetryCount": 0], false),
            ("oneshot", ["Name": "no", "MaximumRetryCount": 0], false),
            ("on-failure", ["Name": "on-failure", "MaximumRetryCount": 10], false),
            ("on-failure", ["Name": "on-failure", "MaximumRetryCount": 3], true),
            ("unless-stopped", ["Name": "always", "MaximumRetryCount": 0], true),
            ("always", ["Name": "no", "MaximumRetryCount": 0], true),
        ] as [(String, JSONValue, Bool)])
    func restartPolicy(_ policy: String, _ current: JSONValue, _ differs: Bool) throws {
        let spec = try Self.spec(["restart_policy": .string(policy)])
        let container = Fixtures.created(from: spec).setting(["HostConfig", "RestartPolicy"], current)
        #expect(Fixtures.failures(spec, container).map(\.name) == (differs ? ["restart_policy"] : []))
    }

    /// Duplicate bind sources are both kept (Kolla keys binds by source: the first one is lost and
    /// the container differs from the task forever after).
    @Test func duplicateBindSourcesKept() throws {
        let spec = try Self.spec(["volumes": ["/etc/kolla/x/:/a/:ro", "/etc/kolla/x/:/b/:ro"]])
        #expect(spec.volumes.binds == ["/etc/kolla/x/:/a/:ro", "/etc/kolla/x/:/b/:ro"])
        #expect(Fixtures.failures(spec, Fixtures.created(from: spec)) == [])
    }
}

extension JSONValue {
    /// A copy with the value at `path` (object keys) replaced, creating objects on the way.
    func setting(_ path: [String], _ value: JSONValue) -> JSONValue {
        guard let key = path.first else { return value }
        var object = objectValue ?? [:]
        object[key] = (object[key] ?? .object([:])).setting(Array(path.dropFirst()), value)
        return .object(object)
    }
}
