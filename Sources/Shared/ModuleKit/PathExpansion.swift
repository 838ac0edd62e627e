import Platform

/// Python's `os.path.expanduser(os.path.expandvars(path))`, as Ansible applies to `path` options.
enum PathExpansion {
    @Sendable static func expand(_ path: String) -> String {
        expandUser(expandVariables(path))
    }

    /// `$NAME` and `${NAME}` replaced when the variable is set; anything else left as written.
    static func expandVariables(_ text: String, lookup: (String) -> String? = Environment.get) -> String {
        guard text.contains("$") else { return text }
        let chars = Array(text)
        var out = ""
        var i = 0
        func isNameChar(_ c: Character) -> Bool { c == "_" || (c.isASCII && (c.isLetter || c.isNumber)) }
        while i < chars.count {
            guard chars[i] == "$", i + 1 < chars.count else {
                out.append(chars[i])
                i += 1
                continue
            }
            if chars[i + 1] == "{", let close = chars[(i + 2)...].firstIndex(of: "}") {
                let name = String(chars[(i + 2)..<close])
                if !name.isEmpty, let value = lookup(name) {
                    out += value
                    i = close + 1
                    continue
                }
            } else {
                var j = i + 1
                while j < chars.count, isNameChar(chars[j]) { j += 1 }
                if j > i + 1, let value = lookup(String(chars[(i + 1)..<j])) {
                    out += value
                    i = j
                    continue
                }
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }

    /// A leading `~` or `~user` replaced by the home directory.
    static func expandUser(_ path: String) -> String {
        guard path.hasPrefix("~") else { return path }
        let rest = path.dropFirst()
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let user = String(rest[..<slash])
        let home = user.isEmpty ? Environment.homeDirectory() : Users.home(ofUser: user)
        guard let home else { return path }
        var trimmedHome = home
        while trimmedHome.count > 1, trimmedHome.hasSuffix("/") { trimmedHome.removeLast() }
        return trimmedHome + rest[slash...]
    }
}
