import JSON
import ModuleKit
import Platform

/// One desired container, typed once from the merged options (task + `common_options`) by the
/// option table (`ContainerOptions`). Everything `compare_container`, the create request and the
/// actions need.
struct ContainerSpec {
    var name = ""
    var image: String?
    var command: [String]?
    /// Desired environment in order, values as the container will see them.
    var environment: [(key: String, value: String)] = []
    var labels: [String: String] = [:]
    var volumes = Volumes()
    var volumesFrom: [String] = []
    /// Path → mount options ("" for none).
    var tmpfs: [String: String] = [:]
    var capAdd: [String] = []
    /// Group ids as text (names resolved on this host, as Docker needs numbers).
    var groupAdd: [String] = []
    var securityOpt: [String] = []
    var privileged = false
    var ipcMode: String?
    var pidMode: String?
    var cgroupnsMode: String?
    var dimensions = Dimensions()
    var healthcheck = Healthcheck.inherit
    var state = "running"
    var restartPolicy: String?
    var restartRetries = 10
    var gracefulTimeout = 10
    var tty = false
    var detach = true
    var removeOnExit = true
    /// Values of table options that have no field of their own (yet), by option name.
    var untyped = JSONObject()

    /// Each option of `table` read from the merged options `o`.
    init(
        _ o: JSONObject, timeZone: @escaping () -> String = HostTimeZone.current, table: [ContainerOption] = ContainerOptions.table
    )
        throws(ModuleFailure)
    {
        let context = ContainerOption.Context(timeZone: timeZone)
        for option in table { try option.parse(&self, o[option.name], context) }
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

extension Volumes {
    /// No volume.
    init() {}
}
