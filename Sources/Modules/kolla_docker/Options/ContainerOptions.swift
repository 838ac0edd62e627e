import DockerEngine
import JSON
import ModuleKit
import Platform

/// Every container option, once, in Kolla's comparison order (so `comparison_failures` keep it).
/// `name` comes first: the environment's `KOLLA_SERVICE_NAME` is derived from it.
/// Adding an option is one entry here plus its line in the doc sidecar (and a `ContainerSpec`
/// field when actions need it typed; until then its value is in `ContainerSpec.untyped`).
enum ContainerOptions {
    typealias Option = ContainerOption

    static let table: [Option] = [
        Option(.str("name"), parse: { s, v, _ in s.name = v?.stringValue ?? "" }),
        Option(
            .list("cap_add", of: .str, default: []), parse: { s, v, _ in s.capAdd = ContainerSpec.strings(v) },
            create: { s, flavor, r in r.host["CapAdd"] = nonEmpty(CreateRequest.capAdd(s, flavor: flavor)) },
            compare: .init("cap_add") { $0.compareCapAdd() }),
        Option(
            .list("group_add", of: .str, default: []), parse: { s, v, _ throws(ModuleFailure) in s.groupAdd = try groupIDs(v) },
            create: { s, _, r in r.host["GroupAdd"] = nonEmpty(s.groupAdd) },
            compare: .init("group_add") { $0.set("group_add", $0.spec.groupAdd, $0.inspect.hostConfig.groupAdd) }),
        Option(
            .list("security_opt", of: .str, default: []), parse: { s, v, _ in s.securityOpt = ContainerSpec.strings(v) },
            create: { s, _, r in r.host["SecurityOpt"] = nonEmpty(s.securityOpt) },
            compare: .init("security_opt") { c in
                if c.spec.ipcMode == "host" || c.spec.pidMode == "host" || c.spec.privileged { return nil }
                return c.set("security_opt", c.spec.securityOpt, c.inspect.hostConfig.securityOpt)
            }),
        Option(
            .str("image"), parse: { s, v, _ in s.image = v?.stringValue },
            create: { s, _, r in r.body["Image"] = .string(s.image ?? "") },
            compare: .init("image") { $0.compareImage() }),
        Option(
            .str("ipc_mode", choices: ["", "host", "private", "shareable"]), parse: { s, v, _ in s.ipcMode = v?.stringValue },
            create: { s, _, r in r.host["IpcMode"] = s.ipcMode.map { .string($0) } },
            compare: .init("ipc_mode") { $0.compareIPCMode() }),
        Option(
            .dict("labels", default: [:]), parse: { s, v, _ in s.labels = labels(v) },
            create: { s, _, r in r.body["Labels"] = .object(JSONObject(s.labels.keys.sorted().map { ($0, .string(s.labels[$0] ?? "")) })) },
            compare: .init("labels") { $0.compareLabels() }),
        Option(
            .bool("privileged", default: false), parse: { s, v, _ in s.privileged = v?.boolValue ?? false },
            create: { s, _, r in r.host["Privileged"] = .bool(s.privileged) },
            compare: .init("privileged") { c in
                let current = c.inspect.hostConfig.privileged
                return current == c.spec.privileged
                    ? nil : ComparisonFailure(name: "privileged", current: .bool(current), desired: .bool(c.spec.privileged))
            }),
        Option(
            .str("pid_mode", choices: ["", "host", "private"]), parse: { s, v, _ in s.pidMode = v?.stringValue },
            create: { s, _, r in r.host["PidMode"] = s.pidMode.map { .string($0) } },
            compare: .init("pid_mode") { c in
                var current = c.inspect.hostConfig.pidMode ?? ""
                if current == "private" { current = "" }  // the default, as "" is
                let desired = c.spec.pidMode == "private" ? "" : (c.spec.pidMode ?? "")
                return desired == current ? nil : ComparisonFailure(name: "pid_mode", current: .string(current), desired: .string(desired))
            }),
        Option(
            .str("cgroupns_mode", choices: ["private", "host"]), parse: { s, v, _ in s.cgroupnsMode = v?.stringValue },
            create: { s, _, r in r.host["CgroupnsMode"] = s.cgroupnsMode.map { .string($0) } },
            compare: .init("cgroupns_mode") { $0.compareCgroupnsMode() }),
        Option(
            .list("tmpfs", of: .str), parse: { s, v, _ throws(ModuleFailure) in s.tmpfs = try tmpfs(v) },
            create: { s, _, r in
                guard !s.tmpfs.isEmpty else { return }
                r.host["Tmpfs"] = .object(JSONObject(s.tmpfs.keys.sorted().map { ($0, .string(s.tmpfs[$0] ?? "")) }))
            },
            compare: .init("tmpfs") { $0.compareTmpfs() }),
        Option(
            .list("volumes", of: .str), parse: { s, v, _ throws(ModuleFailure) in s.volumes = try Volumes(ContainerSpec.strings(v)) },
            create: { s, flavor, r in
                let paths = CreateRequest.volumePaths(s, flavor: flavor)
                if !paths.isEmpty { r.body["Volumes"] = .object(JSONObject(paths.map { ($0, .object(JSONObject())) })) }
                r.host["Binds"] = nonEmpty(s.volumes.binds)
            },
            compare: .init("volumes") { $0.compareVolumes() }),
        Option(
            .list("volumes_from", of: .str), parse: { s, v, _ in s.volumesFrom = ContainerSpec.strings(v) },
            create: { s, _, r in r.host["VolumesFrom"] = nonEmpty(s.volumesFrom) },
            compare: .init("volumes_from") {
                $0.set("volumes_from", $0.spec.volumesFrom, $0.inspect.hostConfig.volumesFrom)
            }),
        Option(
            .dict("environment"),
            parse: { s, v, context in
                s.environment = ContainerSpec.environment(v?.objectValue ?? JSONObject(), name: s.name, timeZone: context.timeZone)
            },
            create: { s, _, r in r.body["Env"] = .array(s.environment.map { .string("\($0.key)=\($0.value)") }) },
            compare: .init("environment") { $0.compareEnvironment() }),
        Option(
            .str("state", default: "running", choices: ["running", "exited", "paused"]),
            parse: { s, v, _ in s.state = v?.stringValue ?? "running" },
            compare: .init("container_state") { c in
                let current = c.inspect.state.status ?? ""
                let desired = c.spec.state == "started" ? "running" : c.spec.state
                return current == desired
                    ? nil : ComparisonFailure(name: "container_state", current: .string(current), desired: .string(desired))
            }),
        Option(
            .dict("dimensions", default: [:]),
            parse: { s, v, _ throws(ModuleFailure) in s.dimensions = try Dimensions(v?.objectValue ?? JSONObject()) },
            create: { s, _, r in for (key, value) in s.dimensions.hostConfig { r.host[key] = value } },
            compare: .init("dimensions") { $0.compareDimensions() }),
        Option(
            .str("command"), parse: { s, v, _ throws(ModuleFailure) in s.command = try command(v) },
            create: { s, _, r in r.body["Cmd"] = s.command.map { strings($0) } },
            compare: .init("command") { c in
                guard let desired = c.spec.command else { return nil }
                let current = [c.inspect.path ?? ""] + c.inspect.args
                guard current != desired else { return nil }
                return ComparisonFailure(name: "command", current: strings(current), desired: strings(desired))
            }),
        Option(
            .dict("healthcheck"), parse: { s, v, _ throws(ModuleFailure) in s.healthcheck = try Healthcheck(v?.objectValue) },
            create: { s, _, r in r.body["Healthcheck"] = s.healthcheck.createValue },
            compare: .init("healthcheck") { $0.compareHealthcheck() }),
        Option(
            .str("restart_policy", choices: ["no", "on-failure", "oneshot", "always", "unless-stopped"]),
            parse: { s, v, _ in s.restartPolicy = v?.stringValue },
            create: { s, _, r in r.host["RestartPolicy"] = .object(s.restartPolicyValue) },
            compare: .init("restart_policy") { $0.compareRestartPolicy() }),
        Option(.int("restart_retries"), parse: { s, v, _ in s.restartRetries = v?.intValue ?? 10 }),
        Option(
            .int("graceful_timeout"),
            parse: { s, v, _ in
                let seconds = v?.intValue ?? 10
                s.gracefulTimeout = seconds > 0 ? seconds : 10
            }),
        Option(
            .bool("tty", default: false), parse: { s, v, _ in s.tty = v?.boolValue ?? false }, create: { s, _, r in r.body["Tty"] = .bool(s.tty) }),
        Option(.bool("detach", default: true), parse: { s, v, _ in s.detach = v?.boolValue ?? true }),
        Option(.bool("remove_on_exit", default: true), parse: { s, v, _ in s.removeOnExit = v?.boolValue ?? true }),
    ]

    /// A list for the request, or `nil` (left out) when empty.
    private static func nonEmpty(_ list: [String]) -> JSONValue? {
        list.isEmpty ? nil : .array(list.map { .string($0) })
    }

    private static func strings(_ list: [String]) -> JSONValue {
        .array(list.map { .string($0) })
    }

    /// `group_add` as group ids (names resolved on this host, as Docker needs numbers).
    private static func groupIDs(_ value: JSONValue?) throws(ModuleFailure) -> [String] {
        try ContainerSpec.strings(value).map { group throws(ModuleFailure) in
            if UInt32(group) != nil { return group }
            guard let gid = Users.gid(named: group) else { throw ModuleFailure("group_add: group '\(group)' does not exist on this host") }
            return String(gid)
        }
    }

    private static func labels(_ value: JSONValue?) -> [String: String] {
        var labels: [String: String] = [:]
        for (k, v) in value?.objectValue ?? JSONObject() { labels[k] = v.isNull ? "" : AnsibleTypes.str(v) }
        return labels
    }

    /// `tmpfs` entries: path → mount options ("" for none).
    private static func tmpfs(_ value: JSONValue?) throws(ModuleFailure) -> [String: String] {
        var tmpfs: [String: String] = [:]
        for entry in ContainerSpec.strings(value) {
            let parts = entry.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let path = parts.first, path.hasPrefix("/") else {
                throw ModuleFailure("tmpfs: malformed entry '\(entry)': expected an absolute PATH[:OPTIONS]")
            }
            tmpfs[path] = parts.count > 1 ? parts[1] : ""
        }
        return tmpfs
    }

    /// `command` split as Kolla splits it (`shlex.split`).
    private static func command(_ value: JSONValue?) throws(ModuleFailure) -> [String]? {
        guard let text = value?.stringValue else { return nil }
        do { return try ShellWords.split(text) } catch {
            throw ModuleFailure(
                "command: cannot split \(AnsibleTypes.repr(.string(text))): \(error == .noClosingQuotation ? "No closing quotation" : "No escaped character")"
            )
        }
    }
}
