import Platform

/// Bearer tokens and known challenges per registry, shared by every worker of a run (one token per
/// registry and scope set, fetched once even when many workers ask at the same moment).
actor TokenCache {
    /// A cached token and when it stops being usable.
    struct Token {
        var value: String
        var expires: Double
    }

    /// How a registry wants to be authenticated, learned from its first 401.
    enum Scheme {
        case bearer(realm: String, service: String?)
        case basic
    }

    private var schemes: [String: Scheme] = [:]
    private var tokens: [String: Token] = [:]
    private var fetching: [String: Task<Token, any Error>] = [:]
    private let clock: @Sendable () -> Double
    /// Seconds before expiry at which a token is renewed rather than used.
    private let margin: Double

    init(clock: @escaping @Sendable () -> Double = { Environment.monotonic() }, margin: Double = 10) {
        self.clock = clock
        self.margin = margin
    }

    func scheme(for registry: String) -> Scheme? { schemes[registry] }

    func learn(_ scheme: Scheme, for registry: String) { schemes[registry] = scheme }

    /// The token for `key` if it is still good.
    func valid(_ key: String) -> String? {
        guard let token = tokens[key], token.expires - margin > clock() else { return nil }
        return token.value
    }

    /// Forgets `value` under `key` (a 401 said it is no longer accepted).
    func invalidate(_ key: String, value: String) {
        if tokens[key]?.value == value { tokens[key] = nil }
    }

    /// The token for `key`, fetched with `fetch` unless a good one is cached or being fetched.
    /// `fetch` returns the token and its lifetime in seconds.
    func token(_ key: String, fetch: @escaping @Sendable () async throws -> (String, Double)) async throws -> String {
        if let value = valid(key) { return value }
        if let running = fetching[key] { return try await running.value.value }
        let now = clock()
        let task = Task<Token, any Error> {
            let (value, lifetime) = try await fetch()
            return Token(value: value, expires: now + lifetime)
        }
        fetching[key] = task
        defer { fetching[key] = nil }
        let token = try await task.value
        tokens[key] = token
        return token.value
    }
}
