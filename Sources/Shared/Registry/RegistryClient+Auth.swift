import JSON
import Platform

/// Authentication: the scheme is learned from the registry's first 401 (`WWW-Authenticate`), then
/// every request carries it up front. Bearer tokens are cached per registry and scope set for all
/// workers and renewed shortly before they expire (`expires_in`, or `expires_at` as some
/// registries send) and after a 401 (a token revoked or expired mid-copy).
///
/// Push targets ask for `repository:<name>:pull,push` (tripleo-common asks for `:pull` only, also
/// when pushing, which registries that enforce scopes reject: a quirk not copied).
extension RegistryClient {
    /// The `Authorization` value for `call`, if the registry is known to want one.
    func authorization(for call: Call) async throws(RegistryError) -> String? {
        switch await tokens.scheme(for: call.registry) {
        case nil: return nil
        case .basic?: return configuration.credentials[call.registry]?.basicAuthorization
        case .bearer(let realm, let service)?:
            let key = Self.tokenKey(call.registry, call.scopes)
            let credentials = configuration.credentials[call.registry]
            do {
                let token = try await tokens.token(key) { [self] in
                    try await fetchToken(realm: realm, service: service, scopes: call.scopes, registry: call.registry, credentials: credentials)
                }
                return "Bearer " + token
            } catch let error as RegistryError {
                throw error
            } catch {
                throw .unauthorized("\(call.subject): authentication failed: \(error)")
            }
        }
    }

    /// The cache key of a token: registry plus sorted scopes.
    static func tokenKey(_ registry: String, _ scopes: [String]) -> String {
        registry + " " + scopes.sorted().joined(separator: " ")
    }

    /// Reads the challenge of a 401 and remembers it; forgets a rejected token.
    func learnChallenge(_ response: TransportResponse, call: Call, rejected: String?) async throws(RegistryError) {
        let credentials = configuration.credentials[call.registry]
        guard let header = response.header("WWW-Authenticate"), let challenge = AuthChallenge(header) else {
            throw .unauthorized(
                "\(call.subject): Unable to authenticate. This may indicate missing registry credentials or the provided container or namespace does not exist (HTTP 401 without a WWW-Authenticate challenge)"
            )
        }
        switch challenge.scheme {
        case "bearer":
            guard let realm = challenge.parameters["realm"], URLParts(realm) != nil else {
                throw .unauthorized("\(call.subject): registry \(call.registry) sent a Bearer challenge without a usable realm")
            }
            await tokens.learn(.bearer(realm: realm, service: challenge.parameters["service"]), for: call.registry)
            if let rejected, rejected.hasPrefix("Bearer ") {
                await tokens.invalidate(Self.tokenKey(call.registry, call.scopes), value: String(rejected.dropFirst("Bearer ".count)))
            }
        case "basic":
            guard credentials != nil else {
                throw .unauthorized(
                    "\(call.subject): registry \(call.registry) requires a username and password (Basic auth); none is given for it in ContainerImageRegistryCredentials"
                )
            }
            if rejected?.hasPrefix("Basic ") == true {
                throw .unauthorized("\(call.subject): registry \(call.registry) rejected the username and password given for it (HTTP 401)")
            }
            await tokens.learn(.basic, for: call.registry)
        default:
            throw .unauthorized("\(call.subject): Unknown www-authenticate value from registry \(call.registry): \(challenge.scheme)")
        }
    }

    /// `GET <realm>?service=…&scope=…` (with the registry's credentials as Basic auth when given).
    /// Returns the token and its lifetime in seconds.
    func fetchToken(
        realm: String, service: String?, scopes: [String], registry: String, credentials: Credentials?
    )
        async throws(RegistryError) -> (String, Double)
    {
        var url = realm
        if let service { url = URLParts.appendingQuery(url, "service", service) }
        for scope in scopes { url = URLParts.appendingQuery(url, "scope", scope) }
        var headers: [(name: String, value: String)] = [(name: "Accept", value: "application/json")]
        if let credentials { headers.append((name: "Authorization", value: credentials.basicAuthorization)) }
        let realmHost = URLParts(realm)?.authority ?? realm
        let verify = !(configuration.noVerify.contains(realmHost) || configuration.noVerify.contains(registry))
        let subject = "registry \(registry)"
        let response = try await exchange(
            TransportRequest(method: "GET", url: url, headers: headers, verifyCertificate: verify, timeout: configuration.callTimeout),
            subject: subject)
        if response.status == 401 || response.status == 403 {
            await response.body.drain()
            throw .unauthorized(
                credentials == nil
                    ? "\(subject): the token service at \(realmHost) refused an anonymous token (HTTP \(response.status)); credentials may be needed in ContainerImageRegistryCredentials"
                    : "\(subject): the token service at \(realmHost) rejected the username and password given for it (HTTP \(response.status))")
        }
        try await expect(response, [200], subject: subject, action: "token request to \(realmHost)")
        let body: [UInt8]
        do {
            body = try await response.body.collect(limit: 1 << 20)
        } catch {
            throw .transport("\(subject): reading the token: \(error)")
        }
        guard case .object(let object)? = try? JSONParser().parse(body),
            let token = object["token"]?.stringValue ?? object["access_token"]?.stringValue, !token.isEmpty
        else {
            throw .invalidResponse("\(subject): the token service at \(realmHost) sent no token")
        }
        return (token, Self.lifetime(object, now: Environment.now()))
    }

    /// A token's remaining lifetime at `now` (wall clock), as tripleo-common judges a cached token:
    /// `issued_at` + `expires_in` when both are given (an `issued_at` in the future counts as now),
    /// else `expires_in`, else `expires_at` − now (some registries send only that), else 60 s (the
    /// token spec's default).
    static func lifetime(_ object: JSONObject, now: Double) -> Double {
        let expiresIn: Double? =
            switch object["expires_in"] {
            case .int(let n)?: Double(n)
            case .double(let d)?: d
            default: nil
            }
        if let expiresIn, expiresIn > 0 {
            guard let issued = object["issued_at"]?.stringValue.flatMap(HTTPDate.parseRFC3339) else { return expiresIn }
            return max(0, min(issued, now) + expiresIn - now)
        }
        if let at = object["expires_at"]?.stringValue, let expires = HTTPDate.parseRFC3339(at) { return max(0, expires - now) }
        return 60
    }
}
