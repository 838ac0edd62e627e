public import YAML

/// The part of Python's `str.format(**labels)` that `tag_from_label` templates use
/// (`{version}-{release}`, `{{`/`}}` escapes), with Python's three failure kinds kept apart,
/// because tripleo-common treats them differently.
public enum PythonFormat {
    /// How `format` fails.
    public enum Failure: Error, Equatable {
        /// `ValueError` (malformed template): tag discovery fails, no fallback.
        case valueError(String)
        /// `KeyError` (a label is missing): the message is Python's `str(KeyError)`, `'version'`.
        case keyError(String)
        /// A field form outside the subset (`{0}`, `{a.b}`, `{a!r}`, `{a:>5}`).
        case unsupported(String)
    }

    /// `template.format(**labels)`.
    public static func format(_ template: String, _ labels: [(key: String, value: YAMLValue)]) throws(Failure) -> String {
        var out = ""
        var chars = Array(template)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "}" {
                guard chars.first == "}" else { throw .valueError("Single '}' encountered in format string") }
                chars = chars.dropFirst()
                out.append("}")
                continue
            }
            guard c == "{" else {
                out.append(c)
                continue
            }
            if chars.first == "{" {
                chars = chars.dropFirst()
                out.append("{")
                continue
            }
            guard let close = chars.firstIndex(of: "}") else { throw .valueError("expected '}' before end of string") }
            let field = String(chars[..<close])
            chars = chars[chars.index(after: close)...]
            if field.contains("{") { throw .valueError("unexpected '{' in field name") }
            guard !field.isEmpty, !field.allSatisfy(\.isNumber),
                !field.contains(where: { ".[!:".contains($0) })
            else { throw .unsupported("'{\(field)}': only {label} fields are supported") }
            guard let value = labels.first(where: { $0.key == field })?.value else { throw .keyError(YAMLValue.string(field).pythonRepr) }
            out += value.pythonStr
        }
        return out
    }
}
