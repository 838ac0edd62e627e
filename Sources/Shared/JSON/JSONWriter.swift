/// Serialises `JSONValue` as compact or indented JSON text (UTF-8, keys in object order).
public struct JSONWriter {
    /// Spaces per level; `nil` writes everything on one line.
    public var indent: Int?

    /// - Parameter indent: spaces per nesting level, or `nil` (default) for compact output.
    public init(indent: Int? = nil) {
        self.indent = indent
    }

    /// The JSON text for `value`. Non-finite doubles, which JSON cannot express, are written as `null`.
    public func write(_ value: JSONValue) -> String {
        var out = ""
        write(value, level: 0, into: &out)
        return out
    }

    private func newline(_ level: Int, _ out: inout String) {
        guard let indent else { return }
        out.append("\n")
        out.append(String(repeating: " ", count: indent * level))
    }

    private func write(_ value: JSONValue, level: Int, into out: inout String) {
        switch value {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let i): out.append(String(i))
        case .double(let d): out.append(d.isFinite ? d.description : "null")
        case .string(let s): JSONWriter.appendQuoted(s, to: &out)
        case .array(let items):
            guard !items.isEmpty else {
                out.append("[]")
                return
            }
            out.append("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(indent == nil ? ", " : ",") }
                newline(level + 1, &out)
                write(item, level: level + 1, into: &out)
            }
            newline(level, &out)
            out.append("]")
        case .object(let object):
            guard !object.isEmpty else {
                out.append("{}")
                return
            }
            out.append("{")
            var first = true
            for (key, item) in object {
                if !first { out.append(indent == nil ? ", " : ",") }
                first = false
                newline(level + 1, &out)
                JSONWriter.appendQuoted(key, to: &out)
                out.append(": ")
                write(item, level: level + 1, into: &out)
            }
            newline(level, &out)
            out.append("}")
        }
    }

    /// Appends `s` as a JSON string literal.
    public static func appendQuoted(_ s: String, to out: inout String) {
        out.append("\"")
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}
