import JSON
import ModuleKit
import Platform

/// One desired container, typed once from the merged options (task + `common_options`).
/// Everything `compare_container`, the create request and the actions need.
struct ContainerSpec {
    var name: String
    var image: String?
    var command: [String]?
    /// Desired environment in order, values as the container will see them.
    var environment: [(key: String, value: String)]
    var labels: [String: String]
    var volumes: Volumes
    var volumesFrom: [String]
    /// Path → mount options ("" for none).
    var tmpfs: [String: String]
    var capAdd: [String]
    /// Group ids as text (names resolved on this host, as Docker needs numbers).
    var groupAdd: [String]
    var securityOpt: [String]
    var privileged: Bool
    var ipcMode: String?
    var pidMode: String?
    var cgroupnsMode: String?
    var dimensions: Dimensions
    var healthcheck: Healthcheck
    var state: String
    var restartPolicy: String?
    var restartRetries: Int
    var gracefulTimeout: Int
    var tty: Bool
    var detach: Bool
    var removeOnExit: Bool

    init(_ o: JSONObject, timeZone: () -> String = HostTimeZone.current) throws(ModuleFailure) {
        name = o["name"]?.stringValue ?? ""
        image = o["image"]?.stringValue
        if let text = o["command"]?.stringValue {
            do { command = try ShellWords.split(text) } catch {
                throw ModuleFailure("command: cannot split \(AnsibleTypes.repr(.string(text))): \(error == .noClosingQuotation ? "No closing quotation" : "No escaped character")")
            }
        }
        environment = Self.environment(o["environment"]?.objectValue ?? JSONObject(), name: name, timeZone: timeZone)
        var labels: [String: String] = [:]
        for (k, v) in o["labels"]?.objectValue ?? JSONObject() { labels[k] = v.isNull ? "" : AnsibleTypes.str(v) }
        self.labels = labels
        volumes = try Volumes(Self.strings(o["volumes"]))
        volumesFrom = Self.strings(o["volumes_from"])
        var tmpfs: [String: String] = [:]
        for entry in Self.strings(o["tmpfs"]) {
            let parts = entry.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let path = parts.first, path.hasPrefix("/") else {
                throw ModuleFailure("tmpfs: malformed entry '\(entry)': expected an absolute PATH[:OPTIONS]")
            }
            tmpfs[path] = parts.count > 1 ? parts[1] : ""
        }
        self.tmpfs = tmpfs
        capAdd = Self.strings(o["cap_add"])
        groupAdd = try Self.strings(o["group_add"]).map { group throws(ModuleFailure) in
            if UInt32(group) != nil { return group }
            guard let gid = Users.gid(named: group) else { throw ModuleFailure("group_add: group '\(group)' does not exist on this host") }
            return String(gid)
        }
        securityOpt = Self.strings(o["security_opt"])
        privileged = o["privileged"]?.boolValue ?? false
        ipcMode = o["ipc_mode"]?.stringValue
        pidMode = o["pid_mode"]?.stringValue
        cgroupnsMode = o["cgroupns_mode"]?.stringValue
        dimensions = try Dimensions(o["dimensions"]?.objectValue ?? JSONObject())
        healthcheck = try Healthcheck(o["healthcheck"]?.objectValue)
        state = o["state"]?.stringValue ?? "running"
        restartPolicy = o["restart_policy"]?.stringValue
        restartRetries = o["restart_retries"]?.intValue ?? 10
        gracefulTimeout = o["graceful_timeout"]?.intValue ?? 10
        if gracefulTimeout <= 0 { gracefulTimeout = 10 }
        tty = o["tty"]?.boolValue ?? false
        detach = o["detach"]?.boolValue ?? true
        removeOnExit = o["remove_on_exit"]?.boolValue ?? true
    }

    /// Non-empty strings of a list option (Kolla filters `''`, which roles produce with `omit`-less Jinja).
    static func strings(_ value: JSONValue?) -> [String] {
        (value?.arrayValue ?? []).compactMap { $0.isNull ? nil : AnsibleTypes.str($0) }.filter { !$0.isEmpty }
    }

    /// Kolla's environment: the merged keys in order (None → "", other values as Python's `str`,
    /// so `5` and `True` compare equal to what Docker stores — Kolla's false positive 3), then
    /// `KOLLA_SERVICE_NAME` and `TZ` unless given.
    static func environment(_ env: JSONObject, name: String, timeZone: () -> String) -> [(key: String, value: String)] {
        var out: [(key: String, value: String)] = env.map { ($0.key, $0.value.isNull ? "" : AnsibleTypes.str($0.value)) }
        if !env.contains("KOLLA_SERVICE_NAME") { out.append(("KOLLA_SERVICE_NAME", name.replacingUnderscores())) }
        if !env.contains("TZ") { out.append(("TZ", timeZone())) }
        return out
    }

    /// The value Docker's `RestartPolicy` should hold.
    var restartPolicyValue: JSONObject {
        switch restartPolicy {
        case "always", "unless-stopped": return ["Name": .string(restartPolicy ?? "no"), "MaximumRetryCount": 0]
        case "on-failure": return ["Name": "on-failure", "MaximumRetryCount": .int(restartRetries)]
        default: return ["Name": "no", "MaximumRetryCount": 0]  // unset, "no", "oneshot"
        }
    }

    /// `KOLLA_CONFIG_STRATEGY` as the container will see it.
    var configStrategy: String? { environment.last { $0.key == "KOLLA_CONFIG_STRATEGY" }?.value }
}

extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}
