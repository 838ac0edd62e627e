import JSON
import PythonCompat

/// Ansible's type checkers (`ansible.module_utils.common.validation.check_type_*`), reproduced.
/// Each returns the converted value or throws the reason Ansible would give.
struct TypeConversion {
    /// Expands `$VAR`/`${VAR}` and `~` for `path` options.
    var expandPath: @Sendable (String) -> String

    struct Failure: Error {
        var reason: String
    }

    /// Converts `value` to `type`; `warning` is set when a non-string became a string.
    func convert(_ value: JSONValue, to type: ParamType, warning: inout String?) throws(Failure) -> JSONValue {
        switch type {
        case .raw: return value
        case .str: return .string(toStr(value, warning: &warning))
        case .path: return .string(expandPath(toStr(value, warning: &warning)))
        case .bool: return .bool(try toBool(value))
        case .int: return .int(try toInt(value))
        case .float: return .double(try toFloat(value))
        case .list: return try toList(value)
        case .dict: return try toDict(value)
        case .json: return try toJSON(value)
        }
    }

    private func toStr(_ value: JSONValue, warning: inout String?) -> String {
        if case .string(let s) = value { return s }
        let converted = PythonText.str(value)
        warning =
            "The value \(PythonText.repr(value)) (type \(value.pythonTypeName)) was converted to "
            + "\(PythonText.repr(converted)) (type string). If this does not look like what you expect, "
            + "quote the entire value to ensure it does not change."
        return converted
    }

    static let truthy: Set<String> = ["y", "yes", "on", "1", "true", "t", "1.0"]
    static let falsy: Set<String> = ["n", "no", "off", "0", "false", "f", "0.0"]

    private func toBool(_ value: JSONValue) throws(Failure) -> Bool {
        let text: String
        switch value {
        case .bool(let b): return b
        case .string(let s): text = s.lowercased()
        case .int(let i): text = String(i)
        case .double(let d): text = d.description
        default: text = PythonText.str(value)
        }
        if Self.truthy.contains(text) { return true }
        if Self.falsy.contains(text) { return false }
        throw Failure(
            reason: "The value \(PythonText.repr(.string(PythonText.str(value)))) is not a valid boolean.  "
                + "Valid booleans include: 0, 'on', 'f', 'false', 1, 'y', 'no', 'n', 'yes', '0', 't', 'off', '1', 'true', 1.0, 0.0")
    }

    private func toInt(_ value: JSONValue) throws(Failure) -> Int {
        switch value {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .string(let s): if let i = Self.pythonInt(s) { return i }
        case .double(let d): if d.rounded() == d, let i = Int(exactly: d) { return i }
        default: break
        }
        throw Failure(reason: "\(PythonText.typeName(value)) cannot be converted to an int")
    }

    private func toFloat(_ value: JSONValue) throws(Failure) -> Double {
        switch value {
        case .double(let d): return d
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .string(let s): if let d = Self.pythonFloat(s) { return d }
        default: break
        }
        throw Failure(reason: "\(PythonText.typeName(value)) cannot be converted to a float")
    }

    private func toList(_ value: JSONValue) throws(Failure) -> JSONValue {
        switch value {
        case .array: return value
        case .string(let s): return .array(s.split(separator: ",", omittingEmptySubsequences: false).map { .string(String($0)) })
        case .int, .double, .bool: return .array([.string(PythonText.str(value))])
        default: throw Failure(reason: "\(PythonText.typeName(value)) cannot be converted to a list")
        }
    }

    private func toDict(_ value: JSONValue) throws(Failure) -> JSONValue {
        switch value {
        case .object: return value
        case .string(let s):
            if s.hasPrefix("{") {
                if let parsed = try? JSONParser().parse(s), case .object = parsed { return parsed }
                throw Failure(reason: "unable to evaluate string as dictionary")
            }
            if s.contains("="), let pairs = Self.keyValuePairs(s) { return .object(JSONObject(pairs.map { ($0.0, .string($0.1)) })) }
            throw Failure(reason: "dictionary requested, could not parse JSON or key=value")
        default: throw Failure(reason: "\(PythonText.typeName(value)) cannot be converted to a dict")
        }
    }

    private func toJSON(_ value: JSONValue) throws(Failure) -> JSONValue {
        switch value {
        case .array, .object: return .string(JSONWriter().write(value))
        case .string(let s): return .string(s.trimmingPythonWhitespace())
        default: throw Failure(reason: "\(PythonText.typeName(value)) cannot be converted to a json string")
        }
    }

    /// Python `int(str)`: surrounding whitespace, a sign, digits with single `_` between them.
    static func pythonInt(_ text: String) -> Int? {
        var s = Substring(text.trimmingPythonWhitespace())
        var negative = false
        if let first = s.first, first == "+" || first == "-" {
            negative = first == "-"
            s = s.dropFirst()
        }
        guard let first = s.first, first.isASCII, first.isNumber, let last = s.last, last.isASCII, last.isNumber,
            !s.contains("__")
        else { return nil }
        let digits = s.filter { $0 != "_" }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let magnitude = Int(digits) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// Python `float(str)` for the forms users write (decimal, exponent, inf, nan, underscores).
    static func pythonFloat(_ text: String) -> Double? {
        let s = text.trimmingPythonWhitespace()
        let lowered = s.lowercased()
        switch lowered {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan", "+nan", "-nan": return .nan
        default: break
        }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE_".contains($0)) }), !s.contains("__") else { return nil }
        return Double(s.filter { $0 != "_" })
    }

    /// `k1=v1 k2="v 2",k3=v3` as Ansible's `check_type_dict` splits it.
    static func keyValuePairs(_ text: String) -> [(String, String)]? {
        var fields: [String] = []
        var field = ""
        var quote: Character?
        var escaped = false
        for ch in text {
            if escaped {
                field.append(ch)
                escaped = false
                continue
            }
            if ch == "\\" {
                escaped = true
                continue
            }
            if let q = quote {
                if ch == q { quote = nil } else { field.append(ch) }
                continue
            }
            if ch == "'" || ch == "\"" {
                quote = ch
                continue
            }
            if ch == "," || ch == " " {
                if !field.isEmpty { fields.append(field) }
                field = ""
                continue
            }
            field.append(ch)
        }
        if !field.isEmpty { fields.append(field) }
        var pairs: [(String, String)] = []
        for f in fields {
            guard let eq = f.firstIndex(of: "=") else { return nil }
            pairs.append((String(f[..<eq]), String(f[f.index(after: eq)...])))
        }
        return pairs
    }
}

extension String {
    /// Python's `str.strip()` (Unicode whitespace on both ends).
    func trimmingPythonWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
