import JSON
import PythonCompat

/// How Python prints JSON values (`repr`, `str`, `type`), so our messages read exactly like Ansible's;
/// strings are quoted by the shared ``PythonText/repr(_:)``.
extension PythonText {
    /// Python's `repr` of a value as `json.loads` would produce it.
    static func repr(_ value: JSONValue) -> String {
        switch value {
        case .null: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .double(let d): return repr(d)
        case .string(let s): return repr(s)
        case .array(let items): return "[" + items.map(repr).joined(separator: ", ") + "]"
        case .object(let o): return "{" + o.map { repr($0.key) + ": " + repr($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// Python's `str()`: like `repr` except that a string is itself.
    static func str(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return repr(value)
    }

    /// `<class 'str'>`.
    static func typeName(_ value: JSONValue) -> String { "<class '\(value.pythonTypeName)'>" }
}
