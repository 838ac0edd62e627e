import ContainerNotation
import JSON

/// Kolla's `compare_container` rules, one per option of `ContainerOptions.table`: each reads the
/// running container's inspect data (and the image's) and says how it differs from the desired spec.
///
/// Fixed Kolla false positives (each has a test): a memory limit without `memswap_limit`
/// (Docker's default swap is not a difference), healthcheck fields of zero, non-string
/// environment values, systemd units (we use Docker's restart policies, no units), and an image
/// HEALTHCHECK with no `healthcheck` option (the container inherits it; that is no difference).
/// Added: `restart_policy` is compared, as Kolla compares it through its systemd unit file.
///
/// On Podman (`flavor`) both sides are put in normal form first, where Podman's inspect reports
/// our create request differently (`PodmanInspect`); capability and ulimit spellings are
/// normalised for both engines.
struct ContainerComparison {
    let spec: ContainerSpec
    /// `docker inspect` of the container.
    let container: JSONValue
    /// Inspect data of the container's own image (by id), for inherited labels, volumes and healthcheck.
    let containerImage: JSONValue?
    /// Id of the desired image if present locally.
    let desiredImageID: String?
    /// The daemon that reported `container`.
    var flavor: EngineFlavor = .docker
    /// Podman only: whether the running container shares the host's IPC namespace (read from
    /// `/proc`, as Podman 4.3 reports `IpcMode: shareable` either way); `nil` when unknown.
    var sharesHostIPC: Bool? = nil

    /// The comparison rules, in Kolla's order (the option table's).
    static var checks: [ContainerOption.Check] { ContainerOptions.table.compactMap(\.compare) }

    /// Every difference, in Kolla's order (the table's).
    func failures(table: [ContainerOption] = ContainerOptions.table) -> [ComparisonFailure] {
        table.compactMap { $0.compare?.run(self) }
    }

    /// A difference between two lists compared as sets.
    func set(_ name: String, _ desired: [String], _ current: [String]) -> ComparisonFailure? {
        guard Set(desired) != Set(current) else { return nil }
        return ComparisonFailure(name: name, current: .array(current.map { .string($0) }), desired: .array(desired.map { .string($0) }))
    }

    func compareCgroupnsMode() -> ComparisonFailure? {
        guard let desired = spec.cgroupnsMode, let hostConfig = container.at("HostConfig")?.objectValue else { return nil }
        guard let raw = hostConfig["CgroupnsMode"] ?? hostConfig["CgroupMode"] else { return nil }
        // Podman's compatible API neither applies nor reports it (always ""): nothing to compare.
        if flavor == .podman && (raw.stringValue ?? "").isEmpty { return nil }
        let current = (raw.stringValue ?? "").isEmpty ? "host" : (raw.stringValue ?? "host")
        return desired == current ? nil : ComparisonFailure(name: "cgroupns_mode", current: .string(current), desired: .string(desired))
    }

    func compareTmpfs() -> ComparisonFailure? {
        var current: [String: String] = [:]
        for (k, v) in container.at("HostConfig", "Tmpfs")?.objectValue ?? JSONObject() { current[k] = v.stringValue ?? "" }
        var desired = spec.tmpfs
        if flavor == .podman {
            current = current.mapValues(PodmanInspect.tmpfsOptions)
            desired = desired.mapValues(PodmanInspect.tmpfsOptions)
        }
        guard current != desired else { return nil }
        return ComparisonFailure(name: "tmpfs", current: Self.tmpfsList(current), desired: Self.tmpfsList(spec.tmpfs))
    }

    func compareRestartPolicy() -> ComparisonFailure? {
        let current = container.at("HostConfig", "RestartPolicy")?.objectValue
        var currentName = current?["Name"]?.stringValue ?? ""
        if currentName.isEmpty { currentName = "no" }
        let desired = spec.restartPolicyValue
        let sameName = desired["Name"]?.stringValue == currentName
        let sameRetries = currentName != "on-failure" || desired["MaximumRetryCount"] == (current?["MaximumRetryCount"] ?? .int(0))
        guard !(sameName && sameRetries) else { return nil }
        return ComparisonFailure(name: "restart_policy", current: .object(current ?? [:]), desired: .object(desired))
    }

    private static func tmpfsList(_ d: [String: String]) -> JSONValue {
        .array(d.keys.sorted().map { k in .string(d[k].map { $0.isEmpty ? k : "\(k):\($0)" } ?? k) })
    }

    func compareImage() -> ComparisonFailure? {
        guard let wanted = spec.image else { return nil }
        let currentName = container.at("Config", "Image")?.stringValue ?? ""
        let currentID = container.at("Image")?.stringValue
        let differs = desiredImageID == nil || desiredImageID != currentID || !Self.sameImageName(currentName, wanted, flavor)
        return differs ? ComparisonFailure(name: "image", current: .string(currentName), desired: .string(wanted)) : nil
    }

    /// Whether two image names mean the same image (`x` is `x:latest`; on Podman, `localhost/x` is `x`).
    static func sameImageName(_ a: String, _ b: String, _ flavor: EngineFlavor) -> Bool {
        guard flavor == .podman else { return ImageName.kolla(a) == ImageName.kolla(b) }
        return ImageName.kolla(PodmanInspect.imageName(a)) == ImageName.kolla(PodmanInspect.imageName(b))
    }

    /// Sets of capability names compared in one spelling. On Podman, whose inspect lists
    /// `CapAdd`/`CapDrop` relative to Docker's default set, a desired default capability counts as
    /// present unless dropped; `AUDIT_WRITE` is desired for a non-privileged container (our create
    /// request adds it, as Kolla does); a privileged container has every capability.
    func compareCapAdd() -> ComparisonFailure? {
        let currentRaw = container.at("HostConfig", "CapAdd")?.strings ?? []
        let current = Set(currentRaw.map(Capability.name))
        guard flavor == .podman else {
            guard Set(spec.capAdd.map(Capability.name)) != current else { return nil }
            return ComparisonFailure(name: "cap_add", current: Self.strings(currentRaw), desired: Self.strings(spec.capAdd))
        }
        if spec.privileged { return nil }
        let dropped = Set((container.at("HostConfig", "CapDrop")?.strings ?? []).map(Capability.name))
        let desired = Set(CreateRequest.capAdd(spec, flavor: .podman).map(Capability.name))
        let notListed = desired.filter { Capability.dockerDefaults.contains($0) && !dropped.contains($0) }
        guard desired.subtracting(notListed) != current else { return nil }
        return ComparisonFailure(
            name: "cap_add", current: Self.strings(current.union(notListed).sorted()), desired: Self.strings(desired.sorted()))
    }

    private static func strings(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }

    /// Only when `ipc_mode` is given. Podman 4.3 reports `shareable` for every container (even one
    /// in the host's IPC namespace), so there the namespace itself decides, and `private` and
    /// `shareable` are one mode (Podman makes every private IPC namespace shareable).
    func compareIPCMode() -> ComparisonFailure? {
        guard let desired = spec.ipcMode else { return nil }
        let current = container.at("HostConfig", "IpcMode")?.stringValue ?? ""
        guard flavor == .podman, current == "shareable" else {
            return desired == current ? nil : ComparisonFailure(name: "ipc_mode", current: .string(current), desired: .string(desired))
        }
        guard let host = sharesHostIPC else { return nil }  // not running, or not on this host: cannot tell
        let actual = host ? "host" : "private"
        let wanted = desired == "shareable" ? "private" : desired
        return actual == wanted ? nil : ComparisonFailure(name: "ipc_mode", current: .string(actual), desired: .string(desired))
    }

    func compareLabels() -> ComparisonFailure? {
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

    func compareVolumes() -> ComparisonFailure? {
        var currentPaths = Set(container.at("Config", "Volumes")?.objectValue?.keys ?? [])
        var currentBinds = container.at("HostConfig", "Binds")?.strings ?? []
        var desiredPaths = spec.volumes.containerPaths
        var desiredBinds = spec.volumes.binds
        var imagePaths = containerImage?.at("Config", "Volumes")?.objectValue?.keys.map { $0 } ?? []
        if flavor == .podman {
            // No Config.Volumes: every mount is a bind, anonymous volumes under 64-hex-digit names.
            let named = Set(desiredBinds.map(PodmanInspect.source))
            currentPaths.formUnion(currentBinds.compactMap(PodmanInspect.destination))
            currentBinds.removeAll { PodmanInspect.isAnonymousVolume(PodmanInspect.source($0)) && !named.contains(PodmanInspect.source($0)) }
            currentPaths = Set(currentPaths.map(PodmanInspect.path))
            currentBinds = currentBinds.map(PodmanInspect.bind)
            desiredPaths = desiredPaths.map(PodmanInspect.path)
            desiredBinds = desiredBinds.map(PodmanInspect.bind)
            imagePaths = imagePaths.map(PodmanInspect.path)
        }
        // VOLUMEs the image declares are the image's, not the deployer's.
        for path in imagePaths where !desiredPaths.contains(path) {
            currentPaths.remove(path)
        }
        guard Set(desiredPaths) != currentPaths || Set(desiredBinds) != Set(currentBinds) else { return nil }
        let currentAnonymous = currentPaths.subtracting(currentBinds.compactMap(PodmanInspect.destination))
        let desiredAnonymous = Set(desiredPaths).subtracting(desiredBinds.compactMap(PodmanInspect.destination))
        return ComparisonFailure(
            name: "volumes", current: .array((currentBinds.sorted() + currentAnonymous.sorted()).map { .string($0) }),
            desired: .array((desiredBinds.sorted() + desiredAnonymous.sorted()).map { .string($0) }))
    }

    func compareEnvironment() -> ComparisonFailure? {
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

    func compareDimensions() -> ComparisonFailure? {
        let hostConfig = container.at("HostConfig")?.objectValue ?? JSONObject()
        var differing = JSONObject()
        var currentShown = JSONObject()
        for (_, key) in Dimensions.hostConfigKeys {
            let current = key == "Ulimits" ? ulimits(hostConfig[key]) : hostConfig[key] ?? .null
            if let desired = spec.dimensions.hostConfig[key] {
                if !Self.sameDimension(key, desired, current) { differing[key] = desired; currentShown[key] = current }
            } else if !isDefault(key, current) {
                differing[key] = .null
                currentShown[key] = current
            }
        }
        return differing.isEmpty ? nil : ComparisonFailure(name: "dimensions", current: .object(currentShown), desired: .object(differing))
    }

    /// The container's ulimits, names in one spelling, sorted by name; on Podman without the
    /// `nofile`/`nproc` entries it adds by itself when they were not asked for.
    private func ulimits(_ value: JSONValue?) -> JSONValue {
        guard case .array(let list)? = value else { return value ?? .null }
        let requested = Set((spec.dimensions.hostConfig["Ulimits"]?.arrayValue ?? []).compactMap { $0.at("Name")?.stringValue.map(Ulimit.name) })
        var out: [(String, JSONValue)] = []
        for item in list {
            guard case .object(var o) = item, let name = o["Name"]?.stringValue.map(Ulimit.name) else { out.append(("", item)); continue }
            if flavor == .podman && PodmanInspect.defaultUlimits.contains(name) && !requested.contains(name) { continue }
            o["Name"] = .string(name)
            out.append((name, .object(o)))
        }
        return .array(out.sorted { $0.0 < $1.0 }.map(\.1))
    }

    private static func sameDimension(_ key: String, _ desired: JSONValue, _ current: JSONValue) -> Bool {
        if key == "Ulimits" { return ulimitTriples(desired) == ulimitTriples(current) }
        if case .string(let d) = desired { return d == (current.stringValue ?? "") }
        return desired == current || (desired == .int(0) && current.isNull)
    }

    /// `[{Name, Soft, Hard}]` as comparable triples (key order and name spelling do not matter).
    private static func ulimitTriples(_ value: JSONValue) -> [String] {
        (value.arrayValue ?? []).map { u in
            let name = u.at("Name")?.stringValue.map(Ulimit.name) ?? ""
            return "\(name):\(u.at("Soft")?.intValue.map(String.init) ?? "-"):\(u.at("Hard")?.intValue.map(String.init) ?? "-")"
        }.sorted()
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

    func compareHealthcheck() -> ComparisonFailure? {
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
