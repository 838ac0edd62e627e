/// A `WWW-Authenticate` challenge: `Bearer realm="…",service="…",scope="…"` or `Basic realm="…"`.
struct AuthChallenge: Equatable {
    /// `bearer` or `basic` (lower-case), or whatever else the registry sent.
    var scheme: String
    /// The parameters, names lower-case.
    var parameters: [String: String]

    /// Parses the header value; `nil` when it is empty.
    init?(_ header: String) {
        let trimmed = header.drop { $0 == " " }
        guard let space = trimmed.firstIndex(of: " ") else {
            guard !trimmed.isEmpty else { return nil }
            scheme = trimmed.lowercased()
            parameters = [:]
            return
        }
        scheme = trimmed[..<space].lowercased()
        parameters = Self.parameters(String(trimmed[trimmed.index(after: space)...]))
    }

    /// `a="x, y",b=z` → `[a: "x, y", b: z]` (quoted values may contain commas and `\"`).
    static func parameters(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var chars = Array(text)
        chars.append(",")
        var index = 0
        while index < chars.count {
            while index < chars.count, chars[index] == " " || chars[index] == "," { index += 1 }
            var name = ""
            while index < chars.count, chars[index] != "=", chars[index] != "," {
                name.append(chars[index])
                index += 1
            }
            guard index < chars.count, chars[index] == "=" else {
                index += 1
                continue
            }
            index += 1
            var value = ""
            if index < chars.count, chars[index] == "\"" {
                index += 1
                while index < chars.count, chars[index] != "\"" {
                    if chars[index] == "\\", index + 1 < chars.count { index += 1 }
                    value.append(chars[index])
                    index += 1
                }
                index += 1
            } else {
                while index < chars.count, chars[index] != "," {
                    value.append(chars[index])
                    index += 1
                }
            }
            result[name.trimmingCharacters(in: " ").lowercased()] = value.trimmingCharacters(in: " ")
        }
        return result
    }
}
