public import JSON

/// What a module returns. The runner adds `invocation`, masks secrets and prints it.
public struct ModuleResult: Sendable {
    public var changed: Bool
    public var failed: Bool
    public var skipped: Bool
    public var msg: String?
    public var diff: [Diff]
    public var warnings: [String]
    /// Module-specific keys, in order.
    public var fields: JSONObject

    public init(changed: Bool = false, msg: String? = nil, fields: JSONObject = JSONObject()) {
        self.changed = changed
        self.failed = false
        self.skipped = false
        self.msg = msg
        self.diff = []
        self.warnings = []
        self.fields = fields
    }

    /// Sets a module-specific key.
    public mutating func set(_ key: String, _ value: JSONValue) {
        fields[key] = value
    }

    /// The result as Ansible reads it.
    public var json: JSONObject {
        var o = JSONObject()
        o["changed"] = .bool(changed)
        if failed { o["failed"] = .bool(true) }
        if skipped { o["skipped"] = .bool(true) }
        if let msg { o["msg"] = .string(msg) }
        for (k, v) in fields { o[k] = v }
        if diff.count == 1, let only = diff.first {
            o["diff"] = only.json
        } else if !diff.isEmpty {
            o["diff"] = .array(diff.map(\.json))
        }
        if !warnings.isEmpty { o["warnings"] = .array(warnings.map { .string($0) }) }
        return o
    }
}
