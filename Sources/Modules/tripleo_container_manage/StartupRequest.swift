import ContainerNotation
import JSON
import ModuleKit
import Platform

/// The engine requests a definition becomes: the body of `POST /containers/create` that equals
/// what paunch 7.0.4's `docker run` command line (`builder/compose1.py`) makes the Docker CLI send,
/// or the body of `POST /containers/{target}/exec` for `action: exec`. Differences on purpose are
/// listed in the sidecar's notes (and tested by Tests/paunch).
enum StartupRequest {
    /// TripleO's labels, in paunch's order after the caller's extra labels.
    struct Labels {
        var extra: [(String, String)] = []
        var configID = ""
        var managedBy = ""

        func all(for definition: Definition) -> [(String, String)] {
            extra + [
                ("config_id", configID), ("container_name", definition.name), ("managed_by", managedBy),
                ("config_data", ConfigData.text(definition.raw)),
            ]
        }
    }

    /// `POST /containers/create` (for `action: run`).
    static func body(
        _ d: Definition, labels: Labels = Labels(), hostCPUs: () -> String? = HostCPUs.isolatedAllowedList
    ) throws(ModuleFailure)
        -> JSONValue
    {
        let keys = KeyReader(name: d.name, raw: d.raw)
        var config = JSONObject()
        var host = JSONObject()
        config["Image"] = .string(d.image ?? "")
        if !d.command.isEmpty { config["Cmd"] = strings(d.command) }
        if let entrypoint = try keys.command("entrypoint") { config["Entrypoint"] = strings(entrypoint) }
        let env = try environment(keys)
        if !env.isEmpty { config["Env"] = strings(env) }
        config["Labels"] = .object(JSONObject(labels.all(for: d).map { ($0.0, .string($0.1)) }))
        if let user = try keys.string("user") { config["User"] = .string(user) }
        if let hostname = try keys.string("hostname") { config["Hostname"] = .string(hostname) }
        if let signal = try keys.string("stop_signal") { config["StopSignal"] = .string(signal) }
        if try keys.bool("tty") == true { config["Tty"] = true }
        let interactive = try keys.bool("interactive") ?? false
        let stdinOpen = try keys.bool("stdin_open") ?? false
        if interactive || stdinOpen { config["OpenStdin"] = true }
        if let grace = d.raw["stop_grace_period"] {
            let seconds: Double?
            switch grace {
            case .int(let i): seconds = Double(i)
            case .double(let x): seconds = x
            case .string(let s): seconds = EngineUnits.paunchDuration(s)
            default: seconds = nil
            }
            guard let seconds, seconds >= 0 else {
                throw keys.fail("stop_grace_period", "expected seconds or a duration such as 1m30s, got \(AnsibleTypes.repr(grace))")
            }
            config["StopTimeout"] = .int(Int(seconds.rounded(.up)))
        }
        if let healthcheck = try healthcheck(keys) { config["Healthcheck"] = healthcheck }

        var binds: [String] = []
        var anonymous: [String] = []
        for volume in try keys.stringList("volumes") ?? [] where !volume.isEmpty {
            do {
                if case .anonymous = try VolumeSpec(parsing: volume) { anonymous.append(volume) } else { binds.append(volume) }
            } catch {
                switch error {
                case .malformed: throw keys.fail("volumes", "'\(volume)' is not SOURCE:DEST[:OPTIONS] or an absolute DEST")
                case .relativeAnonymous: throw keys.fail("volumes", "'\(volume)': a lone path must be absolute")
                case .relativeDestination: throw keys.fail("volumes", "'\(volume)': the destination must be absolute")
                }
            }
        }
        if !anonymous.isEmpty { config["Volumes"] = .object(JSONObject(anonymous.map { ($0, .object(JSONObject())) })) }
        if !binds.isEmpty { host["Binds"] = strings(binds) }
        if let from = try keys.stringList("volumes_from")?.filter({ !$0.isEmpty }), !from.isEmpty { host["VolumesFrom"] = strings(from) }
        if let net = try keys.string("net") { host["NetworkMode"] = .string(net) }
        if let ipc = try keys.string("ipc") { host["IpcMode"] = .string(ipc) }
        if let pid = try keys.string("pid") { host["PidMode"] = .string(pid) }
        if let uts = try keys.string("uts") { host["UTSMode"] = .string(uts) }
        if let privileged = try keys.bool("privileged") { host["Privileged"] = .bool(privileged) }
        // The Docker CLI sends "no" when --restart is not given.
        host["RestartPolicy"] = try restartPolicy(keys.string("restart") ?? "no", keys)
        // A one-shot container is removed after its output is read, so AutoRemove is only for services.
        if try keys.bool("remove") == true, d.detach { host["AutoRemove"] = true }
        if let groups = try keys.stringList("group_add")?.filter({ !$0.isEmpty }), !groups.isEmpty { host["GroupAdd"] = strings(groups) }
        if let tag = try keys.string("log_tag") {
            host["LogConfig"] = ["Type": "", "Config": .object(["tag": .string(tag)])]
        }
        if let shares = try keys.int("cpu_shares") { host["CpuShares"] = .int(shares) }
        for (key, field) in [("mem_limit", "Memory"), ("memswap_limit", "MemorySwap")] {
            guard let text = try keys.string(key) else { continue }
            guard let bytes = EngineUnits.ramBytes(text), bytes >= -1 else {
                throw keys.fail(key, "expected a size such as 512m or 2g, got '\(text)'")
            }
            host[field] = .int(bytes)
        }
        if let swappiness = try keys.int("mem_swappiness") {
            guard (0...100).contains(swappiness) else { throw keys.fail("mem_swappiness", "must be between 0 and 100") }
            host["MemorySwappiness"] = .int(swappiness)
        }
        if let options = try keys.stringOrList("security_opt")?.filter({ !$0.isEmpty }), !options.isEmpty {
            host["SecurityOpt"] = strings(options)
        }
        if let hosts = try keys.stringList("extra_hosts")?.filter({ !$0.isEmpty }), !hosts.isEmpty { host["ExtraHosts"] = strings(hosts) }
        if let cpus = try keys.string("cpuset_cpus") {
            if cpus != "all" { host["CpusetCpus"] = .string(cpus) }
        } else if let isolated = hostCPUs() {
            host["CpusetCpus"] = .string(isolated)  // paunch: isolcpus on the kernel command line
        }
        for (key, field) in [("cap_add", "CapAdd"), ("cap_drop", "CapDrop")] {
            if let caps = try keys.stringList(key)?.filter({ !$0.isEmpty }), !caps.isEmpty {
                host[field] = strings(caps.map(cliCapability))
            }
        }
        if let limits = try keys.stringList("ulimit")?.filter({ !$0.isEmpty }), !limits.isEmpty {
            host["Ulimits"] = .array(
                try limits.map { text throws(ModuleFailure) -> JSONValue in
                    guard let limit = EngineUnits.ulimit(text) else { throw keys.fail("ulimit", "expected NAME=SOFT[:HARD], got '\(text)'") }
                    return ["Name": .string(limit.name), "Soft": .int(limit.soft), "Hard": .int(limit.hard)]
                })
        }
        if let pids = try keys.int("pids_limit") { host["PidsLimit"] = .int(pids) }
        if let sysctls = try sysctl(keys) { host["Sysctls"] = sysctls }
        config["HostConfig"] = .object(host)
        return .object(config)
    }

    /// `POST /containers/{target}/exec` (for `action: exec`): paunch's `cont_exec_args`.
    static func execBody(_ d: Definition) throws(ModuleFailure) -> JSONValue {
        let keys = KeyReader(name: d.name, raw: d.raw)
        var body: JSONObject = [
            "AttachStdin": false, "AttachStdout": true, "AttachStderr": true, "Tty": false,
            "Cmd": strings(Array(d.command.dropFirst())),
        ]
        if let privileged = try keys.bool("privileged") { body["Privileged"] = .bool(privileged) }
        if let user = try keys.string("user") { body["User"] = .string(user) }
        let env = try environment(keys)
        if !env.isEmpty { body["Env"] = strings(env) }
        return .object(body)
    }

    /// `env_file` entries first (as the Docker CLI reads them), then `environment` (paunch's
    /// `list_or_dict_arg`: list entries in order; dict keys sorted, a value that is empty or `None`
    /// passes the bare key).
    static func environment(_ keys: KeyReader) throws(ModuleFailure) -> [String] {
        var env: [String] = []
        for path in try keys.stringOrList("env_file") ?? [] where !path.isEmpty {
            let bytes: [UInt8]?
            do { bytes = try Files.readIfPresent(path) } catch { throw keys.fail("env_file", "cannot read \(path): \(error)") }
            guard let bytes else { throw keys.fail("env_file", "\(path) does not exist") }
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true) {
                let entry = String(line.drop { $0 == " " || $0 == "\t" })
                guard !entry.isEmpty, !entry.hasPrefix("#") else { continue }
                // A bare name takes its value from the Docker CLI's own environment; the module never
                // passes its environment on, so such a line is dropped.
                if entry.contains("=") { env.append(entry) }
            }
        }
        guard let value = keys.raw["environment"] else { return env }
        switch value {
        case .array(let items):
            for item in items {
                switch item {
                case .null: continue
                case .string(let s) where s.isEmpty: continue
                case .string, .int, .double, .bool: env.append(AnsibleTypes.str(item))
                default: throw keys.fail("environment", "expected KEY=VALUE strings, got an item \(AnsibleTypes.repr(item))")
                }
            }
        case .object(let object):
            for key in object.keys.sorted() {
                let item = object[key] ?? .null
                switch item {
                case .null, .string(""): if !key.isEmpty { env.append(key) }
                case .string, .int, .double, .bool: env.append("\(key)=\(AnsibleTypes.str(item))")
                default: throw keys.fail("environment", "\(key): expected a scalar value, got \(item.pythonTypeName)")
                }
            }
        case .null: break
        default: throw keys.fail("environment", "expected a list or a dict, got \(value.pythonTypeName)")
        }
        return env
    }

    /// `healthcheck: {test, interval, timeout, retries, start_period}` (Go durations) and
    /// `check_interval` (tripleo-ansible's healthcheck interval, seconds) when `interval` is not given.
    static func healthcheck(_ keys: KeyReader) throws(ModuleFailure) -> JSONValue? {
        guard let value = keys.raw["healthcheck"] else { return nil }
        guard let h = value.objectValue else { throw keys.fail("healthcheck", "expected a dict, got \(value.pythonTypeName)") }
        for key in h.keys where !DefinitionKeys.healthcheck.contains(key) {
            throw keys.fail("healthcheck", "\(key): unknown (test, interval, timeout, retries, start_period)")
        }
        var out = JSONObject()
        switch h["test"] {
        case .string(let test)?: out["Test"] = ["CMD-SHELL", .string(test)]
        case .array(let words)?:
            // paunch passes str(list) to the shell, which cannot work; a list is the exec form here.
            out["Test"] = .array([.string("CMD")] + words.map { .string(AnsibleTypes.str($0)) })
        case nil: break
        case let other?: throw keys.fail("healthcheck", "test: expected a command string, got \(other.pythonTypeName)")
        }
        for (key, field) in [("interval", "Interval"), ("timeout", "Timeout"), ("start_period", "StartPeriod")] {
            guard let item = h[key] else { continue }
            let text = AnsibleTypes.str(item)
            guard item.stringValue != nil, let ns = EngineUnits.goDuration(text) else {
                throw keys.fail("healthcheck", "\(key): expected a duration such as 30s, got \(AnsibleTypes.repr(item))")
            }
            out[field] = .int(ns)
        }
        if out["Interval"] == nil, let seconds = try keys.int("check_interval") { out["Interval"] = .int(seconds * 1_000_000_000) }
        if let retries = h["retries"] {
            guard let count = retries.intValue ?? retries.stringValue.flatMap({ Int($0) }) else {
                throw keys.fail("healthcheck", "retries: expected an integer, got \(AnsibleTypes.repr(retries))")
            }
            out["Retries"] = .int(count)
        }
        return out.isEmpty ? nil : .object(out)
    }

    /// `--restart=no|always|unless-stopped|on-failure[:N]`.
    static func restartPolicy(_ text: String, _ keys: KeyReader) throws(ModuleFailure) -> JSONValue {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch parts.first {
        case "no"?, "always"?, "unless-stopped"?:
            guard parts.count == 1 else { break }
            return ["Name": .string(parts[0]), "MaximumRetryCount": 0]
        case "on-failure"?:
            guard parts.count == 1 || Int(parts[1]) != nil else { break }
            return ["Name": "on-failure", "MaximumRetryCount": .int(parts.count == 2 ? Int(parts[1]) ?? 0 : 0)]
        default: break
        }
        throw keys.fail("restart", "expected no, always, unless-stopped or on-failure[:N], got '\(text)'")
    }

    /// `sysctl`: a dict, or a list of `name=value`.
    static func sysctl(_ keys: KeyReader) throws(ModuleFailure) -> JSONValue? {
        guard let value = keys.raw["sysctl"] else { return nil }
        var out = JSONObject()
        if let object = value.objectValue {
            for (k, v) in object { out[k] = .string(AnsibleTypes.str(v)) }
        } else if let entries = try keys.stringList("sysctl") {
            for entry in entries {
                let parts = entry.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { throw keys.fail("sysctl", "expected name=value, got '\(entry)'") }
                out[String(parts[0])] = .string(String(parts[1]))
            }
        }
        return out.isEmpty ? nil : .object(out)
    }

    /// The Docker CLI's spelling of a capability (`NormalizeCapability`): upper case, `CAP_` prefixed, `ALL` as is.
    static func cliCapability(_ text: String) -> String {
        let upper = text.trimmingSpaces.uppercased()
        return upper == "ALL" || upper.hasPrefix("CAP_") ? upper : "CAP_" + upper
    }

    static func strings(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
}

/// The `config_data` label: the definition as paunch's `json.dumps` writes it (keys in the given
/// order, `", "` and `": "` separators).
enum ConfigData {
    static func text(_ definition: JSONObject) -> String { JSONWriter().write(.object(definition)) }
}

/// paunch's fallback for `cpuset_cpus`: when the kernel isolates CPUs (`isolcpus` on its command
/// line), containers get the CPUs this process may run on.
enum HostCPUs {
    static func isolatedAllowedList() -> String? {
        guard let cmdline = try? Files.readIfPresent("/proc/cmdline"),
            String(decoding: cmdline, as: UTF8.self).contains("isolcpus"),
            let status = try? Files.readIfPresent("/proc/self/status")
        else { return nil }
        for line in String(decoding: status, as: UTF8.self).split(separator: "\n") where line.hasPrefix("Cpus_allowed_list:") {
            return String(line.dropFirst("Cpus_allowed_list:".count)).trimmingSpaces
        }
        return nil
    }
}
