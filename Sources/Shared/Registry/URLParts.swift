/// An absolute http(s) URL split the way the registry client needs it: the origin (to tell whether a
/// redirect leaves the host) and the rest. Only what registries send is handled.
struct URLParts: Equatable {
    /// `http` or `https`.
    var scheme: String
    /// `host[:port]` as written.
    var authority: String
    /// Path plus query, starting with `/` (or empty).
    var pathAndQuery: String

    /// Splits `url`; `nil` for anything but an absolute `http(s)://` URL.
    init?(_ url: String) {
        guard let range = url.firstRange(of: "://") else { return nil }
        scheme = url[..<range.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = url[range.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        authority = String(rest[..<end])
        guard !authority.isEmpty else { return nil }
        var tail = String(rest[end...])
        if let hash = tail.firstIndex(of: "#") { tail = String(tail[..<hash]) }
        pathAndQuery = tail.hasPrefix("?") ? "/" + tail : tail
    }

    /// The host without port or user info.
    var hostWithoutPort: String {
        var host = Substring(authority)
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") { return String(host[...close]) }
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        return String(host)
    }

    /// `scheme://authority` with the default port made explicit, for same-origin checks.
    var origin: String {
        let hasPort = authority.hasSuffix("]") ? false : authority.contains(":")
        return scheme + "://" + authority.lowercased() + (hasPort ? "" : (scheme == "https" ? ":443" : ":80"))
    }

    /// `Location` (absolute, absolute-path or relative) resolved against `base`.
    static func resolve(_ location: String, against base: String) -> String {
        if URLParts(location) != nil { return location }
        guard let parts = URLParts(base) else { return location }
        if location.hasPrefix("//") { return parts.scheme + ":" + location }
        if location.hasPrefix("/") { return parts.scheme + "://" + parts.authority + location }
        var path = parts.pathAndQuery
        if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
        let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "/"
        return parts.scheme + "://" + parts.authority + directory + location
    }

    /// `url` with `name=value` added to its query (the value percent-encoded).
    static func appendingQuery(_ url: String, _ name: String, _ value: String) -> String {
        url + (url.contains("?") ? "&" : "?") + name + "=" + percentEncode(value)
    }

    /// Percent-encoding for query values (unreserved characters kept).
    static func percentEncode(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF")
                out += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
            }
        }
        return out
    }
}
