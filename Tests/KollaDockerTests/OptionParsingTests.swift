import JSON
import ModuleKit
import Testing

@testable import KollaDocker

/// `volumes`, `dimensions`, `healthcheck` and `tmpfs` parsing, including the messages.
@Suite struct OptionParsingTests {
    // MARK: volumes (Kolla's generate_volumes)

    @Test(
        arguments: [
            (["a:/b"], ["a:/b:rw"], ["/b"], ["a"]),
            (["/h:/c"], ["/h:/c:rw"], ["/c"], []),
            (["/x"], [], ["/x"], []),
            (["/d:/e:ro"], ["/d:/e:ro"], ["/e"], []),
            (["/f:/g:ro,z"], ["/f:/g:ro,z"], ["/g"], []),
            (
                ["", "kolla_logs:/var/log/kolla/", "kolla_logs:/other"], ["kolla_logs:/var/log/kolla/:rw", "kolla_logs:/other:rw"],
                ["/var/log/kolla/", "/other"], ["kolla_logs"]
            ),
            (["/s:/a", "/s:/b"], ["/s:/a:rw", "/s:/b:rw"], ["/a", "/b"], []),  // Kolla keeps only the last
        ] as [([String], [String], [String], [String])])
    func volumes(_ entries: [String], _ binds: [String], _ paths: [String], _ named: [String]) throws {
        let v = try Volumes(entries)
        #expect(v.binds == binds)
        #expect(v.containerPaths == paths)
        #expect(v.named == named)
    }

    /// Kolla-style role volumes: the named ones are created first (upstream create_container test).
    @Test func namedVolumesOfAFluentdStyleList() throws {
        let v = try Volumes([
            "kolla_logs:/var/log/kolla/", "fluentd_data:/var/lib/fluentd/data/", "/var/log/journal:/var/log/journal:ro",
            "/etc/kolla/fluentd/:/var/lib/kolla/config_files/:ro",
        ])
        #expect(v.named == ["kolla_logs", "fluentd_data"])
    }

    @Test(arguments: [
        ("/h:c", "volumes: malformed volume '/h:c': the container path 'c' must be absolute"),  // Kolla: IndexError
        ("a:b", "volumes: malformed volume 'a:b': the container path 'b' must be absolute"),
        ("rel", "volumes: malformed volume 'rel': an anonymous volume needs an absolute container path"),
        ("/a:/b:ro:extra", "volumes: malformed volume '/a:/b:ro:extra': expected SOURCE:CONTAINER_PATH[:MODE]"),  // Kolla: 4th field dropped
        (":/b", "volumes: malformed volume ':/b': expected SOURCE:CONTAINER_PATH[:MODE]"),
        ("/a:/b:", "volumes: malformed volume '/a:/b:': expected SOURCE:CONTAINER_PATH[:MODE]"),
    ])
    func malformedVolumesFail(_ entry: String, _ message: String) {
        #expect(ModuleFailure.from { _ = try Volumes([entry]) }?.msg == message)
    }

    // MARK: tmpfs

    @Test func tmpfsEntries() throws {
        let spec = try Fixtures.desired(["tmpfs": ["/run/a", "/run/b:size=1m,mode=0700", "", nil]])
        #expect(spec.tmpfs == ["/run/a": "", "/run/b": "size=1m,mode=0700"])
    }

    @Test(arguments: [":", ":size=1m", "run/x"])
    func malformedTmpfsFails(_ entry: String) {
        #expect(
            ModuleFailure.from { _ = try Fixtures.desired(["tmpfs": .array([.string(entry)])]) }?.msg
                == "tmpfs: malformed entry '\(entry)': expected an absolute PATH[:OPTIONS]")
    }

    // MARK: dimensions

    @Test func dimensionsMapToHostConfig() throws {
        let d = try Dimensions([
            "mem_limit": "1g", "mem_reservation": "512M", "memswap_limit": 2048, "cpu_period": "100000", "cpu_quota": 50000,
            "cpu_shares": 512, "cpuset_cpus": "0-3", "cpuset_mems": 0, "blkio_weight": 10,
            "ulimits": ["nproc": ["soft": 10, "hard": "20"], "nofile": ["soft": 131072, "hard": 131072]],
        ])
        #expect(
            d.hostConfig == [
                "Memory": .int(1 << 30), "MemoryReservation": .int(512 << 20), "MemorySwap": 2048, "CpuPeriod": 100000, "CpuQuota": 50000,
                "CpuShares": 512, "CpusetCpus": "0-3", "CpusetMems": "0", "BlkioWeight": 10,
                "Ulimits": [["Name": "nofile", "Soft": 131072, "Hard": 131072], ["Name": "nproc", "Soft": 10, "Hard": 20]],
            ])
    }

    @Test(arguments: [("1024", 1024), ("3M", 3 << 20), ("2g", 2 << 30), ("7b", 7), ("1K", 1024), ("5k", 5 << 10)])
    func memorySizes(_ text: String, _ bytes: Int) throws {
        #expect(try Dimensions.bytes(.string(text), "mem_limit") == bytes)
    }

    @Test func invalidUnitHasKollasMessage() {
        #expect(
            ModuleFailure.from { _ = try Dimensions(["memswap_limit": "2E"]) }?.msg
                == "The docker dimension unit [e] is not supported for the dimension [2E]. The currently supported units are ['b', 'k', 'm', 'g'].")
        #expect(
            ModuleFailure.from { _ = try Dimensions(["mem_limit": "lots"]) }?.msg
                == "dimensions: mem_limit: 'lots' is not a size (a number with an optional b, k, m or g suffix)")
    }

    @Test(arguments: ["blki_weight", "kernel_memory"])
    func unsupportedDimensions(_ key: String) {
        let failure = ModuleFailure.from { _ = try Dimensions([key: 0]) }
        #expect(failure?.msg.hasPrefix("dimensions: unsupported dimensions: \(key) (supported: mem_limit, mem_reservation,") == true)
        #expect(failure?.extra["unsupported_dimensions"] == .array([.string(key)]))
    }

    @Test func ulimitsNeedSoftAndHard() {
        #expect(
            ModuleFailure.from { _ = try Dimensions(["ulimits": ["nofile": ["soft": 1]]]) }?.msg
                == "dimensions: ulimits.nofile must have soft and hard values")
        #expect(
            ModuleFailure.from { _ = try Dimensions(["ulimits": ["nofile"]]) }?.msg
                == "dimensions: ulimits must be a mapping of name to {soft, hard}")
    }

    // MARK: healthcheck (Kolla's parse_healthcheck)

    static let full: JSONObject = ["test": ["CMD-SHELL", "/bin/check.sh"], "interval": 30, "timeout": 30, "start_period": 5, "retries": 3]

    @Test func fullHealthcheck() throws {
        #expect(
            try Healthcheck(Self.full)
                == .check([
                    "Test": ["CMD-SHELL", "/bin/check.sh"], "Interval": 30_000_000_000, "Timeout": 30_000_000_000,
                    "StartPeriod": 5_000_000_000, "Retries": 3,
                ]))
    }

    @Test func stringTestIsShellForm() throws {
        guard case .check(let o) = try Healthcheck(Self.full.merging(["test": "healthcheck_listen memcached 11211"])) else {
            Issue.record("not a check")
            return
        }
        #expect(o["Test"] == ["CMD-SHELL", "healthcheck_listen memcached 11211"])
    }

    @Test(arguments: [nil, [:], ["test": "NONE"], ["test": ["NONE"]]] as [JSONObject?])
    func noHealthcheck(_ option: JSONObject?) throws {
        let parsed = try Healthcheck(option)
        #expect(parsed == (option?.isEmpty ?? true ? .inherit : .disabled))
        #expect(parsed.createValue == (parsed == .disabled ? ["Test": ["NONE"]] : nil))
    }

    @Test func missingTest() {
        let failure = ModuleFailure.from { _ = try Healthcheck(["interval": 30, "timeout": 30, "start_period": 5, "retries": 3]) }
        #expect(failure?.msg == "healthcheck: missing healthcheck options: test")
        #expect(failure?.extra["missing_healthcheck"] == ["test"])
    }

    @Test func missingStartPeriod() {
        var option = Self.full
        option["start_period"] = nil
        let failure = ModuleFailure.from { _ = try Healthcheck(option) }
        #expect(failure?.msg == "healthcheck: missing healthcheck options: start_period")
        #expect(failure?.extra["missing_healthcheck"] == ["start_period"])
    }

    /// Upstream healthcheck_pos: Kolla's mocked exit_json lets a test-only dict through; a real run fails.
    @Test func onlyTest() {
        #expect(
            ModuleFailure.from { _ = try Healthcheck(["test": ["CMD", "/bin/check"]]) }?.msg
                == "healthcheck: missing healthcheck options: interval, timeout, start_period, retries")
    }

    @Test func extraOption() {
        let failure = ModuleFailure.from { _ = try Healthcheck(Self.full.merging(["extra_option": 1, "retries": false])) }
        #expect(failure?.msg == "healthcheck: unsupported healthcheck options: extra_option")
        #expect(failure?.extra["unsupported_healthcheck"] == ["extra_option"])
    }

    @Test(arguments: [["a": 1] as JSONValue, "dog", 1.5])
    func durationOfWrongType(_ value: JSONValue) {
        let failure = ModuleFailure.from { _ = try Healthcheck(Self.full.merging(["interval": value])) }
        #expect(failure?.msg.hasPrefix("argument 'healthcheck.interval' is of type") == true, "\(failure?.msg ?? "")")
    }

    @Test func negativeDurationFails() {
        #expect(
            ModuleFailure.from { _ = try Healthcheck(Self.full.merging(["timeout": -1])) }?.msg
                == "healthcheck: timeout must be a whole number of seconds ≥ 0")
        #expect(
            ModuleFailure.from { _ = try Healthcheck(Self.full.merging(["retries": -1])) }?.msg
                == "healthcheck: retries must be a whole number of retries ≥ 0")
    }

    @Test func testOfWrongType() {
        #expect(
            ModuleFailure.from { _ = try Healthcheck(Self.full.merging(["test": 5])) }?.msg
                == "healthcheck: test must be a string or a list, got 5")
    }

    // MARK: command

    @Test func unsplittableCommandFails() {
        #expect(
            ModuleFailure.from { _ = try Fixtures.desired(["command": "sh -c 'x"]) }?.msg
                == "command: cannot split \"sh -c 'x\": No closing quotation")
        #expect(
            ModuleFailure.from { _ = try Fixtures.desired(["command": "x\\"]) }?.msg
                == "command: cannot split 'x\\\\': No escaped character")
    }
}
