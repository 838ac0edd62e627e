import JSON
import Platform
import Registry

/// Why an Identity API call failed: said in one sentence naming the call (never a password: the
/// module scrubs every no_log value from messages as well).
public struct IdentityError: Error, CustomStringConvertible {
    public var description: String
    /// The HTTP status, when Keystone answered.
    public var status: Int?
}

/// A token-authenticated client of one Keystone's Identity v3 API.
final class IdentityClient {
    let base: String
    private let transport: any IdentityTransport
    private let retries: Int
    private let delay: Double
    private var token: String?

    /// `authURL` as operators write it (`http://h:5000`, `…/v3`, `…/v3/`); calls go to `<url>/v3/…`.
    init(authURL: String, transport: any IdentityTransport, retries: Int, delay: Double) {
        var url = authURL
        while url.hasSuffix("/") { url.removeLast() }
        if !url.hasSuffix("/v3") { url += "/v3" }
        base = url
        self.transport = transport
        self.retries = max(0, retries)
        self.delay = delay
    }

    /// Gets a project-scoped token with password auth (the admin's).
    func authenticate(_ auth: AuthSettings) throws {
        let user: JSONValue = [
            "name": .string(auth.username), "domain": ["name": .string(auth.userDomain)], "password": .string(auth.password),
        ]
        let identity: JSONValue = ["methods": ["password"], "password": ["user": user]]
        let scope: JSONValue = ["project": ["name": .string(auth.projectName), "domain": ["name": .string(auth.projectDomain)]]]
        let body: JSONValue = ["auth": ["identity": identity, "scope": scope]]
        let response = try send("POST", "/auth/tokens", body: body, authenticated: false)
        switch response.status {
        case 201:
            guard let token = response.header("X-Subject-Token"), !token.isEmpty else {
                throw IdentityError(description: "Keystone at \(base) issued no token (no X-Subject-Token header)")
            }
            self.token = token
        case 401:
            throw IdentityError(
                description: "Keystone at \(base) refused the credentials of user '\(auth.username)' (domain "
                    + "'\(auth.userDomain)') for project '\(auth.projectName)' (HTTP 401): check the admin password",
                status: 401)
        default:
            throw failure("POST", "/auth/tokens", response)
        }
    }

    /// Whether `password` authenticates `userID` (an unscoped token is asked for and dropped).
    func passwordWorks(userID: String, password: String) throws -> Bool {
        let user: JSONValue = ["id": .string(userID), "password": .string(password)]
        let body: JSONValue = ["auth": ["identity": ["methods": ["password"], "password": ["user": user]]]]
        let response = try send("POST", "/auth/tokens", body: body, authenticated: false)
        if response.status == 201 { return true }
        if response.status == 401 { return false }
        throw failure("POST", "/auth/tokens", response)
    }

    /// `GET path` → the list under `key`.
    func list(_ path: String, key: String, query: [(String, String)] = []) throws -> [JSONObject] {
        let full = path + Self.query(query)
        let response = try send("GET", full)
        guard response.status == 200 else { throw failure("GET", full, response) }
        guard let items = try parse(response, "GET", full)[key]?.arrayValue else {
            throw IdentityError(description: "GET \(base)\(full): the answer has no '\(key)' list")
        }
        return items.compactMap(\.objectValue)
    }

    /// `POST`/`PATCH path` with `{key: object}` → the object Keystone answers under `key`.
    func write(_ method: String, _ path: String, key: String, _ object: JSONObject) throws -> JSONObject {
        let response = try send(method, path, body: [key: .object(object)])
        guard response.status == 200 || response.status == 201 else { throw failure(method, path, response) }
        guard let answer = try parse(response, method, path)[key]?.objectValue else {
            throw IdentityError(description: "\(method) \(base)\(path): the answer has no '\(key)' object")
        }
        return answer
    }

    /// `HEAD path`: true on 2xx, false on 404.
    func exists(_ path: String) throws -> Bool {
        let response = try send("HEAD", path)
        if (200..<300).contains(response.status) { return true }
        if response.status == 404 { return false }
        throw failure("HEAD", path, response)
    }

    /// `PUT path` without a body (grants).
    func put(_ path: String) throws {
        let response = try send("PUT", path)
        guard (200..<300).contains(response.status) else { throw failure("PUT", path, response) }
    }

    /// One exchange, retried while Keystone is unreachable or answers 502/503/504 (a service still starting).
    private func send(_ method: String, _ path: String, body: JSONValue? = nil, authenticated: Bool = true) throws -> IdentityResponse {
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        if authenticated, let token { headers.append(("X-Auth-Token", token)) }
        let request = IdentityRequest(
            method: method, url: base + path, headers: headers, body: body.map { Array(JSONWriter().write($0).utf8) })
        var attempt = 0
        while true {
            do {
                let response = try transport.exchange(request)
                if [502, 503, 504].contains(response.status) && attempt < retries {
                    attempt += 1
                    Sleep.milliseconds(Int(delay * 1000))
                    continue
                }
                return response
            } catch let error as TransportError {
                if error.isRetryable && attempt < retries {
                    attempt += 1
                    Sleep.milliseconds(Int(delay * 1000))
                    continue
                }
                throw IdentityError(description: "\(method) \(base)\(path): cannot reach Keystone (\(error))")
            }
        }
    }

    private func parse(_ response: IdentityResponse, _ method: String, _ path: String) throws -> JSONObject {
        guard let object = (try? JSONParser().parse(response.body))?.objectValue else {
            throw IdentityError(description: "\(method) \(base)\(path): the answer (HTTP \(response.status)) is not a JSON object")
        }
        return object
    }

    /// The failure for an unexpected status, with Keystone's own error message when it sent one.
    private func failure(_ method: String, _ path: String, _ response: IdentityResponse) -> IdentityError {
        let error = (try? JSONParser().parse(response.body))?.objectValue?["error"]?.objectValue
        let message = error?["message"]?.stringValue ?? String(decoding: response.body.prefix(300), as: UTF8.self)
        return IdentityError(
            description: "\(method) \(base)\(path) answered HTTP \(response.status)" + (message.isEmpty ? "" : ": \(message)"),
            status: response.status)
    }

    /// `?k=v&…`, percent-encoded.
    static func query(_ pairs: [(String, String)]) -> String {
        pairs.isEmpty ? "" : "?" + pairs.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    /// Percent-encoding of a path segment or query value (RFC 3986 unreserved kept).
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0xF)])"
            }
        }
        return out
    }
}
