import JSON
import ModuleKit

/// The `healthcheck` option: Docker's `Config.Healthcheck` to create with, or "inherit the
/// image's" (option absent) or "disabled" (`test: NONE`).
enum Healthcheck: Equatable {
    case inherit
    case disabled
    case check(JSONObject)

    static let keys: [(String, String)] = [
        ("test", "Test"), ("interval", "Interval"), ("timeout", "Timeout"), ("start_period", "StartPeriod"), ("retries", "Retries"),
    ]

    init(_ option: JSONObject?) throws(ModuleFailure) {
        guard let option, !option.isEmpty else {
            self = .inherit
            return
        }
        let known = Set(Self.keys.map(\.0))
        let unsupported = option.keys.filter { !known.contains($0) }.sorted()
        guard unsupported.isEmpty else {
            throw ModuleFailure(
                "healthcheck: unsupported healthcheck options: \(unsupported.joined(separator: ", "))",
                extra: ["unsupported_healthcheck": .array(unsupported.map { .string($0) })])
        }
        let test = option["test"] ?? .null
        if test == .string("NONE") || test == .array([.string("NONE")]) {
            self = .disabled
            return
        }
        let missing = Self.keys.map(\.0).filter { option[$0] == nil }
        guard missing.isEmpty else {
            throw ModuleFailure(
                "healthcheck: missing healthcheck options: \(missing.joined(separator: ", "))",
                extra: ["missing_healthcheck": .array(missing.map { .string($0) })])
        }
        var docker = JSONObject()
        switch test {
        case .string(let shell): docker["Test"] = ["CMD-SHELL", .string(shell)]
        case .array(let items): docker["Test"] = .array(items.map { .string(AnsibleTypes.str($0)) })
        default: throw ModuleFailure("healthcheck: test must be a string or a list, got \(AnsibleTypes.repr(test))")
        }
        for (name, key) in Self.keys.dropFirst() {
            guard case .int(let n) = try AnsibleTypes.convert(option[name] ?? .null, to: .int, option: "healthcheck.\(name)"), n >= 0 else {
                throw ModuleFailure("healthcheck: \(name) must be a whole number of \(name == "retries" ? "retries" : "seconds") ≥ 0")
            }
            docker[key] = .int(name == "retries" ? n : n * 1_000_000_000)
        }
        self = .check(docker)
    }

    /// The value for `Config.Healthcheck` in a create request (`nil`: leave the image's).
    var createValue: JSONValue? {
        switch self {
        case .inherit: return nil
        case .disabled: return ["Test": ["NONE"]]
        case .check(let o): return .object(o)
        }
    }

    /// A healthcheck as Docker reports it, with zero fields (which Docker omits) filled in, so
    /// `start_period: 0` compares equal (Kolla's false positive 2).
    static func normalized(_ value: JSONValue?) -> JSONObject? {
        guard case .object(let o)? = value, let test = o["Test"], test != .array([]) else { return nil }
        if test == .array([.string("NONE")]) { return nil }
        var out = JSONObject()
        out["Test"] = test
        for (_, key) in keys.dropFirst() { out[key] = .int(o[key]?.intValue ?? 0) }
        return out
    }
}
