import Platform

/// `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` as curl and Go read them: one proxy server, a list of host
/// suffixes that bypass it. Loopback hosts never go through a proxy.
public struct ProxySettings: Sendable, Equatable {
    /// The proxy `host:port` for https URLs (`nil`: no proxy).
    public var server: (host: String, port: Int)?
    /// The proxy for plain-http URLs.
    public var httpServer: (host: String, port: Int)?
    /// `NO_PROXY` entries (`*` = everything), lower-case, without leading dots.
    public var bypass: [String]

    /// Settings given directly.
    public init(server: (host: String, port: Int)? = nil, httpServer: (host: String, port: Int)? = nil, bypass: [String] = []) {
        self.server = server
        self.httpServer = httpServer
        self.bypass = bypass
    }

    /// No proxy at all.
    public static let none = ProxySettings()

    /// From the process environment (upper- or lower-case names).
    public static func fromEnvironment() -> ProxySettings {
        func value(_ name: String) -> String? {
            let found = Environment.get(name) ?? Environment.get(name.lowercased())
            return found.flatMap { $0.isEmpty ? nil : $0 }
        }
        return parse(https: value("HTTPS_PROXY"), http: value("HTTP_PROXY"), noProxy: value("NO_PROXY"))
    }

    /// Settings from the variables' values.
    public static func parse(https: String?, http: String?, noProxy: String?) -> ProxySettings {
        let bypass = (noProxy ?? "").split(separator: ",").map {
            var entry = String($0).trimmingCharacters(in: " ").lowercased()
            while entry.hasPrefix(".") || entry.hasPrefix("*.") { entry.removeFirst(entry.hasPrefix("*.") ? 2 : 1) }
            return entry
        }.filter { !$0.isEmpty }
        return ProxySettings(server: (https ?? http).flatMap(hostPort), httpServer: http.flatMap(hostPort), bypass: bypass)
    }

    /// `http://user@host:port/` → (host, port); the default port is 80 (3128 is not assumed).
    static func hostPort(_ url: String) -> (host: String, port: Int)? {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        guard !rest.isEmpty else { return nil }
        if let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]"), let port = Int(rest[rest.index(after: colon)...]) {
            return (String(rest[..<colon]), port)
        }
        return (String(rest), 80)
    }

    /// Whether a request to `url` goes through the proxy.
    public func shouldProxy(url: String) -> Bool {
        let https = url.hasPrefix("https://")
        guard (https ? server : httpServer) != nil else { return false }
        let host = URLParts(url)?.hostWithoutPort.lowercased() ?? ""
        if host == "localhost" || host.hasPrefix("127.") || host == "[::1]" || host == "::1" { return false }
        for entry in bypass {
            if entry == "*" { return false }
            let name = entry.split(separator: ":").first.map(String.init) ?? entry
            if host == name || host.hasSuffix("." + name) { return false }
        }
        return true
    }

    public static func == (lhs: ProxySettings, rhs: ProxySettings) -> Bool {
        lhs.server?.host == rhs.server?.host && lhs.server?.port == rhs.server?.port && lhs.httpServer?.host == rhs.httpServer?.host
            && lhs.httpServer?.port == rhs.httpServer?.port && lhs.bypass == rhs.bypass
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
