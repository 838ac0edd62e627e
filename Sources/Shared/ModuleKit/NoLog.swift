public import JSON
import PythonCompat

/// Ansible's `no_log` handling: secret values are replaced in the invocation echo and scrubbed
/// from every message string before anything is printed.
public enum NoLog {
    /// The placeholder Ansible puts in `invocation.module_args` for a secret option.
    public static let placeholder = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    /// What a secret becomes inside a free-text message.
    public static let mask = "********"

    /// Every scalar inside `value`, as text (what Ansible's `_return_datastructure_name` yields).
    static func collect(_ value: JSONValue, into set: inout Set<String>) {
        switch value {
        case .null: break
        case .string(let s): if !s.isEmpty { set.insert(s) }
        case .bool, .int, .double: set.insert(PythonText.str(value))
        case .array(let items): for item in items { collect(item, into: &set) }
        case .object(let o): for (_, v) in o { collect(v, into: &set) }
        }
    }

    /// `text` with every secret replaced by `********` (longest secrets first).
    public static func scrub(_ text: String, _ secrets: Set<String>) -> String {
        guard !secrets.isEmpty else { return text }
        var out = text
        for secret in secrets.sorted(by: { $0.count > $1.count }) where out.contains(secret) {
            out = out.replacingAll(secret, with: mask)
        }
        return out
    }

    /// `value` with secrets scrubbed from every string inside it.
    public static func scrub(_ value: JSONValue, _ secrets: Set<String>) -> JSONValue {
        guard !secrets.isEmpty else { return value }
        switch value {
        case .string(let s): return .string(scrub(s, secrets))
        case .array(let items): return .array(items.map { scrub($0, secrets) })
        case .object(let o): return .object(JSONObject(o.map { ($0.key, scrub($0.value, secrets)) }))
        default: return value
        }
    }

    /// The parameters as echoed in `invocation.module_args`: secret options replaced by the placeholder.
    static func invocation(_ params: JSONObject, spec: ModuleSpec, secrets: Set<String>) -> JSONObject {
        var out = JSONObject()
        for (key, value) in params {
            guard let p = spec.param(key) else {
                out[key] = value
                continue
            }
            if p.noLog {
                out[key] = .string(placeholder)
            } else if let sub = p.options, case .object(let o) = value {
                out[key] = .object(invocation(o, spec: sub, secrets: secrets))
            } else if let sub = p.options, case .array(let items) = value {
                out[key] = .array(
                    items.map { item in
                        guard case .object(let o) = item else { return item }
                        return .object(invocation(o, spec: sub, secrets: secrets))
                    })
            } else {
                out[key] = value
            }
        }
        return out
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
