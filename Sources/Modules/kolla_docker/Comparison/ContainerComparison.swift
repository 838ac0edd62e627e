import JSON

/// Kolla's `compare_container` rules as a table: each entry reads the running container's
/// inspect data (and the image's) and says how it differs from the desired spec.
///
/// Fixed Kolla false positives (each has a test): a memory limit without `memswap_limit`
/// (Docker's default swap is not a difference), healthcheck fields of zero, non-string
/// environment values, systemd units (we use Docker's restart policies, no units), and an image
/// HEALTHCHECK with no `healthcheck` option (the container inherits it; that is no difference).
/// Added: `restart_policy` is compared, as Kolla compares it through its systemd unit file.
struct ContainerComparison {
    let spec: ContainerSpec
    /// `docker inspect` of the container.
    let container: JSONValue
    /// Inspect data of the container's own image (by id), for inherited labels, volumes and healthcheck.
    let containerImage: JSONValue?
    /// Id of the desired image if present locally.
    let desiredImageID: String?

    typealias Check = (name: String, run: @Sendable (ContainerComparison) -> ComparisonFailure?)

    static let checks: [Check] = [
        ("cap_add", { $0.set("cap_add", $0.spec.capAdd, $0.container.at("HostConfig", "CapAdd")?.strings ?? []) }),
        ("group_add", { $0.set("group_add", $0.spec.groupAdd, $0.container.at("HostConfig", "GroupAdd")?.strings ?? []) }),
        ("security_opt", { c in
            if c.spec.ipcMode == "host" || c.spec.pidMode == "host" || c.spec.privileged { return nil }
            return c.set("security_opt", c.spec.securityOpt, c.container.at("HostConfig", "SecurityOpt")?.strings ?? [])
        }),
        ("image", { $0.compareImage() }),
        ("ipc_mode", { c in
            guard let desired = c.spec.ipcMode else { return nil }
            let current = c.container.at("HostConfig", "IpcMode")?.stringValue ?? ""
            return desired == current ? nil : ComparisonFailure(name: "ipc_mode", current: .string(current), desired: .string(desired))
        }),
        ("labels", { $0.compareLabels() }),
        ("privileged", { c in
            let current = c.container.at("HostConfig", "Privileged")?.boolValue ?? false
            return current == c.spec.privileged ? nil : ComparisonFailure(name: "privileged", current: .bool(current), desired: .bool(c.spec.privileged))
        }),
        ("pid_mode", { c in
            var current = c.container.at("HostConfig", "PidMode")?.stringValue ?? ""
            if current == "private" { current = "" }  // Podman reports the default as "private"
            let desired = c.spec.pidMode == "private" ? "" : (c.spec.pidMode ?? "")
            return desired == current ? nil : ComparisonFailure(name: "pid_mode", current: .string(current), desired: .string(desired))
        }),
        ("cgroupns_mode", { c in
            guard let desired = c.spec.cgroupnsMode, let hostConfig = c.container.at("HostConfig")?.objectValue else { return nil }
            guard let raw = hostConfig["CgroupnsMode"] ?? hostConfig["CgroupMode"] else { return nil }
            let current = (raw.stringValue ?? "").isEmpty ? "host" : (raw.stringValue ?? "host")
            return desired == current ? nil : ComparisonFailure(name: "cgroupns_mode", current: .string(current), desired: .string(desired))
        }),
        ("tmpfs", { c in
            var current: [String: String] = [:]
            for (k, v) in c.container.at("HostConfig", "Tmpfs")?.objectValue ?? JSONObject() { current[k] = v.stringValue ?? "" }
            guard current != c.spec.tmpfs else { return nil }
            return ComparisonFailure(name: "tmpfs", current: Self.tmpfsList(current), desired: Self.tmpfsList(c.spec.tmpfs))
        }),
        ("volumes", { $0.compareVolumes() }),
        ("volumes_from", { $0.set("volumes_from", $0.spec.volumesFrom, $0.container.at("HostConfig", "VolumesFrom")?.strings ?? []) }),
        ("environment", { $0.compareEnvironment() }),
        ("container_state", { c in
            let current = c.container.at("State", "Status")?.stringValue ?? ""
            let desired = c.spec.state == "started" ? "running" : c.spec.state
            return current == desired ? nil : ComparisonFailure(name: "container_state", current: .string(current), desired: .string(desired))
        }),
        ("dimensions", { $0.compareDimensions() }),
        ("command", { c in
            guard let desired = c.spec.command else { return nil }
            let current = [c.container.at("Path")?.stringValue ?? ""] + (c.container.at("Args")?.strings ?? [])
            guard current != desired else { return nil }
            return ComparisonFailure(name: "command", current: .array(current.map { .string($0) }), desired: .array(desired.map { .string($0) }))
        }),
        ("healthcheck", { $0.compareHealthcheck() }),
        ("restart_policy", { c in
            let current = c.container.at("HostConfig", "RestartPolicy")?.objectValue
            var currentName = current?["Name"]?.stringValue ?? ""
            if currentName.isEmpty { currentName = "no" }
            let desired = c.spec.restartPolicyValue
            let sameName = desired["Name"]?.stringValue == currentName
            let sameRetries = currentName != "on-failure" || desired["MaximumRetryCount"] == (current?["MaximumRetryCount"] ?? .int(0))
            guard !(sameName && sameRetries) else { return nil }
            return ComparisonFailure(name: "restart_policy", current: .object(current ?? [:]), desired: .object(desired))
        }),
    ]

    /// Every difference, in Kolla's order.
    func failures() -> [ComparisonFailure] {
        Self.checks.compactMap { $0.run(self) }
    }

    private func set(_ name: String, _ desired: [String], _ current: [String]) -> ComparisonFailure? {
        guard Set(desired) != Set(current) else { return nil }
        return ComparisonFailure(name: name, current: .array(current.map { .string($0) }), desired: .array(desired.map { .string($0) }))
    }

    private static func tmpfsList(_ d: [String: String]) -> JSONValue {
        .array(d.keys.sorted().map { k in .string(d[k].map { $0.isEmpty ? k : "\(k):\($0)" } ?? k) })
    }

    private func compareImage() -> ComparisonFailure? {
        guard let wanted = spec.image else { return nil }
        let currentName = container.at("Config", "Image")?.stringValue ?? ""
        let currentID = container.at("Image")?.stringValue
        let differs = desiredImageID == nil || desiredImageID != currentID || ImageReference(currentName) != ImageReference(wanted)
        return differs ? ComparisonFailure(name: "image", current: .string(currentName), desired: .string(wanted)) : nil
    }

    private func compareLabels() -> ComparisonFailure? {
        // Without the image's labels, inherited ones cannot be told apart: not compared, as in Kolla.
        guard let containerImage else { return nil }
        var current: [String: String] = [:]
        for (k, v) in container.at("Config", "Labels")?.objectValue ?? JSONObject() { current[k] = v.stringValue ?? "" }
        // Labels the image sets are not the deployer's unless the deployer sets them too.
        for (k, v) in containerImage.at("Config", "Labels")?.objectValue ?? JSONObject() where spec.labels[k] == nil {
            if current[k] == v.stringValue { current[k] = nil }
        }
        guard current != spec.labels else { return nil }
        return ComparisonFailure(name: "labels", current: Self.object(current), desired: Self.object(spec.labels))
    }

    private static func object(_ d: [String: String]) -> JSONValue {
        .object(JSONObject(d.keys.sorted().map { ($0, .string(d[$0] ?? "")) }))
    }

    private func compareVolumes() -> ComparisonFailure? {
        var currentPaths = Set(container.at("Config", "Volumes")?.objectValue?.keys ?? [])
        // VOLUMEs the image declares are the image's, not the deployer's.
        for path in containerImage?.at("Config", "Volumes")?.objectValue?.keys ?? [] where !spec.volumes.containerPaths.contains(path) {
            currentPaths.remove(path)
        }
        let currentBinds = container.at("HostConfig", "Binds")?.strings ?? []
        guard Set(spec.volumes.containerPaths) != currentPaths || Set(spec.volumes.binds) != Set(currentBinds) else { return nil }
        let currentAnonymous = currentPaths.subtracting(currentBinds.compactMap { $0.split(separator: ":").dropFirst().first.map(String.init) })
        let desiredAnonymous = Set(spec.volumes.containerPaths).subtracting(spec.volumes.binds.compactMap { $0.split(separator: ":").dropFirst().first.map(String.init) })
        return ComparisonFailure(
            name: "volumes", current: .array((currentBinds.sorted() + currentAnonymous.sorted()).map { .string($0) }),
            desired: .array((spec.volumes.binds.sorted() + desiredAnonymous.sorted()).map { .string($0) }))
    }

    private func compareEnvironment() -> ComparisonFailure? {
        var current: [String: String] = [:]
        for entry in container.at("Config", "Env")?.strings ?? [] {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            current[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        let missing = spec.environment.filter { current[$0.key] != $0.value }
        guard !missing.isEmpty else { return nil }
        return ComparisonFailure(
            name: "environment",
            current: .object(JSONObject(missing.map { ($0.key, current[$0.key].map { .string($0) } ?? .null) })),
            desired: .object(JSONObject(missing.map { ($0.key, .string($0.value)) })))
    }

    private func compareDimensions() -> ComparisonFailure? {
        let hostConfig = container.at("HostConfig")?.objectValue ?? JSONObject()
        var differing = JSONObject()
        var currentShown = JSONObject()
        for (_, key) in Dimensions.hostConfigKeys {
            let current = hostConfig[key] ?? .null
            if let desired = spec.dimensions.hostConfig[key] {
                if !Self.sameDimension(key, desired, current) { differing[key] = desired; currentShown[key] = current }
            } else if !isDefault(key, current) {
                differing[key] = .null
                currentShown[key] = current
            }
        }
        return differing.isEmpty ? nil : ComparisonFailure(name: "dimensions", current: .object(currentShown), desired: .object(differing))
    }

    private static func sameDimension(_ key: String, _ desired: JSONValue, _ current: JSONValue) -> Bool {
        if key == "Ulimits" { return (desired.arrayValue ?? []) == (current.arrayValue ?? []) }
        if case .string(let d) = desired { return d == (current.stringValue ?? "") }
        return desired == current || (desired == .int(0) && current.isNull)
    }

    /// Docker's value when the dimension was not requested: 0, "" or none — and for `MemorySwap`,
    /// also twice the memory limit or -1, which Docker sets by itself (Kolla's false positive 1).
    private func isDefault(_ key: String, _ current: JSONValue) -> Bool {
        switch current {
        case .null: return true
        case .int(let i):
            if i == 0 { return true }
            if key == "MemorySwap", let memory = spec.dimensions.hostConfig["Memory"]?.intValue {
                return i == 2 * memory || i == -1
            }
            return false
        case .string(let s): return s.isEmpty
        case .array(let a): return a.isEmpty
        default: return false
        }
    }

    private func compareHealthcheck() -> ComparisonFailure? {
        let current = Healthcheck.normalized(container.at("Config", "Healthcheck"))
        let desired: JSONObject?
        switch spec.healthcheck {
        case .check(let o): desired = Healthcheck.normalized(.object(o))
        case .disabled: desired = nil
        case .inherit: desired = Healthcheck.normalized(containerImage?.at("Config", "Healthcheck"))
        }
        guard current != desired else { return nil }
        return ComparisonFailure(name: "healthcheck", current: current.map { .object($0) } ?? .null, desired: desired.map { .object($0) } ?? .null)
    }
}
