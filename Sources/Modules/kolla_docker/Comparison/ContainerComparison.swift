import ContainerNotation
import DockerEngine
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
/// The rules read Docker's inspect shape: a Podman container's inspect is turned into it once, when
/// it is read (`PodmanInspect.dockerView`). Capability and ulimit spellings are normalised here,
/// for both engines.
struct ContainerComparison {
    let spec: ContainerSpec
    /// `docker inspect` of the container.
    let container: JSONValue
    /// Inspect data of the container's own image (by id), for inherited labels, volumes and healthcheck.
    let containerImage: JSONValue?
    /// Id of the desired image if present locally.
    let desiredImageID: String?
    /// The capabilities the engine's create request asks for (`CreateRequest.capAdd`), in the form
    /// the inspect view lists them; `nil`: `cap_add` as given (Docker).
    var requestedCapAdd: [String]? = nil

    /// `container` read through the engine's typed view (what every rule reads).
    var inspect: ContainerInspect { ContainerInspect(raw: container) }
    /// `containerImage` read through the engine's typed view.
    var image: ImageInspect? { containerImage.map(ImageInspect.init(raw:)) }

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
        guard let desired = spec.cgroupnsMode, let sent = inspect.hostConfig.cgroupnsMode else { return nil }
        let current = sent.isEmpty ? "host" : sent
        return desired == current ? nil : ComparisonFailure(name: "cgroupns_mode", current: .string(current), desired: .string(desired))
    }

    func compareTmpfs() -> ComparisonFailure? {
        let current = inspect.hostConfig.tmpfs
        guard current != spec.tmpfs else { return nil }
        return ComparisonFailure(name: "tmpfs", current: Self.tmpfsList(current), desired: Self.tmpfsList(spec.tmpfs))
    }

    func compareRestartPolicy() -> ComparisonFailure? {
        // The policy as sent is shown, and its retry count compared as sent (`null` is not 0).
        let current = inspect.hostConfig["RestartPolicy"]?.objectValue
        var currentName = inspect.hostConfig.restartPolicy ?? ""
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
        let currentName = inspect.config.image ?? ""
        let currentID = inspect.imageID
        let differs = desiredImageID == nil || desiredImageID != currentID || ImageName.kolla(currentName) != ImageName.kolla(wanted)
        return differs ? ComparisonFailure(name: "image", current: .string(currentName), desired: .string(wanted)) : nil
    }

    /// Sets of capability names compared in one spelling; desired is what the create request asks
    /// for (on Podman, `AUDIT_WRITE` too for a non-privileged container, as Kolla's Podman worker).
    func compareCapAdd() -> ComparisonFailure? {
        let currentRaw = inspect.hostConfig.capAdd
        let desired = requestedCapAdd ?? spec.capAdd
        guard Set(desired.map(Capability.name)) != Set(currentRaw.map(Capability.name)) else { return nil }
        return ComparisonFailure(name: "cap_add", current: Self.strings(currentRaw), desired: Self.strings(desired))
    }

    private static func strings(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }

    /// Only when `ipc_mode` is given.
    func compareIPCMode() -> ComparisonFailure? {
        guard let desired = spec.ipcMode else { return nil }
        let current = inspect.hostConfig.ipcMode ?? ""
        return desired == current ? nil : ComparisonFailure(name: "ipc_mode", current: .string(current), desired: .string(desired))
    }

    func compareLabels() -> ComparisonFailure? {
        // Without the image's labels, inherited ones cannot be told apart: not compared, as in Kolla.
        guard let image else { return nil }
        var current = inspect.config.allLabels
        // Labels the image sets are not the deployer's unless the deployer sets them too.
        for (k, v) in image.config.labels where spec.labels[k] == nil {
            if current[k] == v { current[k] = nil }
        }
        guard current != spec.labels else { return nil }
        return ComparisonFailure(name: "labels", current: Self.object(current), desired: Self.object(spec.labels))
    }

    private static func object(_ d: [String: String]) -> JSONValue {
        .object(JSONObject(d.keys.sorted().map { ($0, .string(d[$0] ?? "")) }))
    }

    func compareVolumes() -> ComparisonFailure? {
        var currentPaths = Set(inspect.config.volumes)
        let currentBinds = inspect.hostConfig.binds
        let desiredPaths = spec.volumes.containerPaths
        let desiredBinds = spec.volumes.binds
        let imagePaths = image?.config.volumes ?? []
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
        let current = inspect.config.environment
        let missing = spec.environment.filter { current[$0.key] != $0.value }
        guard !missing.isEmpty else { return nil }
        return ComparisonFailure(
            name: "environment",
            current: .object(JSONObject(missing.map { ($0.key, current[$0.key].map { .string($0) } ?? .null) })),
            desired: .object(JSONObject(missing.map { ($0.key, .string($0.value)) })))
    }

    func compareDimensions() -> ComparisonFailure? {
        // Shown and compared as sent (the typed `ulimits` drops what it cannot read).
        let hostConfig = inspect.hostConfig
        var differing = JSONObject()
        var currentShown = JSONObject()
        for (_, key) in Dimensions.hostConfigKeys {
            let current = key == "Ulimits" ? ulimits(hostConfig[key]) : hostConfig[key] ?? .null
            if let desired = spec.dimensions.hostConfig[key] {
                if !Self.sameDimension(key, desired, current) {
                    differing[key] = desired
                    currentShown[key] = current
                }
            } else if !isDefault(key, current) {
                differing[key] = .null
                currentShown[key] = current
            }
        }
        return differing.isEmpty ? nil : ComparisonFailure(name: "dimensions", current: .object(currentShown), desired: .object(differing))
    }

    /// The container's ulimits, names in one spelling, sorted by name.
    private func ulimits(_ value: JSONValue?) -> JSONValue {
        guard case .array(let list)? = value else { return value ?? .null }
        var out: [(String, JSONValue)] = []
        for item in list {
            guard case .object(var o) = item, let name = o["Name"]?.stringValue.map(Ulimit.name) else {
                out.append(("", item))
                continue
            }
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
        let current = Healthcheck.normalized(inspect.config.healthcheck?.raw)
        let desired: JSONObject?
        switch spec.healthcheck {
        case .check(let o): desired = Healthcheck.normalized(.object(o))
        case .disabled: desired = nil
        case .inherit: desired = Healthcheck.normalized(image?.config.healthcheck?.raw)
        }
        guard current != desired else { return nil }
        return ComparisonFailure(name: "healthcheck", current: current.map { .object($0) } ?? .null, desired: desired.map { .object($0) } ?? .null)
    }
}
