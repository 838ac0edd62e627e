/// Kolla's `OverrideConfigParser.write`.
///
/// Per section: `[name]` (not for the orphan section), then per key and per value either
/// `key{ws}=` (no value lines) or `key{ws}={ws}first` followed by the remaining lines
/// indented by `len(key) + 2 * len(ws) + 1` spaces (code points); a blank line closes every
/// section. Quotes stripped on parse are never re-added.
struct INIWriter: Sendable {
    /// `" "` or `""`.
    let separatorSpace: String

    init(whitespace: Bool) {
        separatorSpace = whitespace ? " " : ""
    }

    func render(_ document: INIDocument) -> String {
        var out = ""
        for section in document.sections {
            if section.name != .orphan {
                out += "[" + section.name.text + "]\n"
            }
            for (key, values) in section.entries {
                for value in values { write(key.text, value, to: &out) }
            }
            out += "\n"
        }
        return out
    }

    private func write(_ key: String, _ value: INIDocument.Value, to out: inout String) {
        guard let first = value.first else {
            out += key + separatorSpace + "=\n"
            return
        }
        out += key + separatorSpace + "=" + separatorSpace + first + "\n"
        let indent = String(
            repeating: " ", count: key.unicodeScalars.count + 2 * separatorSpace.count + 1)
        for line in value.dropFirst() {
            out += indent + line + "\n"
        }
    }
}
