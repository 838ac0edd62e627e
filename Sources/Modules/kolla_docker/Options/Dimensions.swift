import JSON
import ModuleKit

/// Kolla's `dimensions` option: resource limits mapped to Docker's `HostConfig` keys, memory
/// sizes with `b/k/m/g` suffixes (powers of 1024), ulimits as `{name: {soft, hard}}`.
struct Dimensions: Equatable {
    /// Kolla name → `HostConfig` key, in Kolla's order.
    static let hostConfigKeys: [(String, String)] = [
        ("mem_limit", "Memory"), ("mem_reservation", "MemoryReservation"), ("memswap_limit", "MemorySwap"),
        ("cpu_period", "CpuPeriod"), ("cpu_quota", "CpuQuota"), ("cpu_shares", "CpuShares"),
        ("cpuset_cpus", "CpusetCpus"), ("cpuset_mems", "CpusetMems"), ("blkio_weight", "BlkioWeight"),
        ("ulimits", "Ulimits"),
    ]
    static let memoryKeys: Set<String> = ["mem_limit", "mem_reservation", "memswap_limit"]
    static let stringKeys: Set<String> = ["cpuset_cpus", "cpuset_mems"]

    /// `HostConfig` key → requested value (ints, strings, or the ulimit list), only for requested keys.
    var hostConfig = JSONObject()

    /// No dimension requested.
    init() {}

    init(_ options: JSONObject) throws(ModuleFailure) {
        let known = Set(Self.hostConfigKeys.map(\.0))
        let unsupported = options.keys.filter { !known.contains($0) }.sorted()
        guard unsupported.isEmpty else {
            throw ModuleFailure(
                "dimensions: unsupported dimensions: \(unsupported.joined(separator: ", ")) (supported: "
                    + Self.hostConfigKeys.map(\.0).joined(separator: ", ") + ")",
                extra: ["unsupported_dimensions": .array(unsupported.map { .string($0) })])
        }
        for (name, key) in Self.hostConfigKeys {
            guard let value = options[name], !value.isNull else { continue }
            if name == "ulimits" {
                hostConfig[key] = try Self.ulimits(value)
            } else if Self.memoryKeys.contains(name) {
                hostConfig[key] = .int(try Self.bytes(value, name))
            } else if Self.stringKeys.contains(name) {
                hostConfig[key] = .string(AnsibleTypes.str(value))
            } else {
                hostConfig[key] = .int(try Self.integer(value, name))
            }
        }
    }

    /// `"3M"` → 3·1024², `"1024"`/`1024` → 1024; Kolla's message for another suffix.
    static func bytes(_ value: JSONValue, _ name: String) throws(ModuleFailure) -> Int {
        if case .int(let i) = value { return i }
        let text = AnsibleTypes.str(value)
        if let i = Int(text) { return i }
        guard let last = text.last, let number = Int(text.dropLast()) else {
            throw ModuleFailure("dimensions: \(name): '\(text)' is not a size (a number with an optional b, k, m or g suffix)")
        }
        let powers: [Character: Int] = ["b": 0, "k": 1, "m": 2, "g": 3]
        guard let power = powers[Character(last.lowercased())] else {
            throw ModuleFailure(
                "The docker dimension unit [\(last.lowercased())] is not supported for the dimension [\(text)]. "
                    + "The currently supported units are ['b', 'k', 'm', 'g'].")
        }
        var result = number
        for _ in 0..<power { result *= 1024 }
        return result
    }

    static func integer(_ value: JSONValue, _ name: String) throws(ModuleFailure) -> Int {
        guard case .int(let i) = try AnsibleTypes.convert(value, to: .int, option: "dimensions.\(name)") else { return 0 }
        return i
    }

    /// `{nofile: {soft: 1, hard: 2}}` → `[{Name: nofile, Soft: 1, Hard: 2}]`, sorted by name.
    static func ulimits(_ value: JSONValue) throws(ModuleFailure) -> JSONValue {
        guard case .object(let limits) = value else { throw ModuleFailure("dimensions: ulimits must be a mapping of name to {soft, hard}") }
        var out: [JSONValue] = []
        for name in limits.keys.sorted() {
            guard case .object(let pair)? = limits[name], let soft = pair["soft"], let hard = pair["hard"] else {
                throw ModuleFailure("dimensions: ulimits.\(name) must have soft and hard values")
            }
            out.append([
                "Name": .string(name), "Soft": .int(try integer(soft, "ulimits.\(name).soft")),
                "Hard": .int(try integer(hard, "ulimits.\(name).hard")),
            ])
        }
        return .array(out)
    }
}
