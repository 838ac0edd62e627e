import JSON

@testable import KeystoneResources

/// An in-memory Identity v3 API with the calls keystone_resources makes: password auth, list by
/// query, create, patch, region lookup, grant check and grant. Records every request.
final class FakeKeystone: IdentityTransport {
    var adminPassword = "s3cret-admin"
    var collections: [String: [JSONObject]] = [
        "domains": [["id": "default", "name": "Default"]],
        "projects": [["id": "p-admin", "name": "admin", "domain_id": "default", "enabled": true, "description": "Bootstrap project"]],
        "users": [["id": "u-admin", "name": "admin", "domain_id": "default", "enabled": true]],
        "roles": [["id": "r-admin", "name": "admin", "domain_id": nil]],
        "services": [],
        "endpoints": [],
        "regions": [["id": "RegionOne"]],
    ]
    var passwords: [String: String] = ["u-admin": "s3cret-admin"]
    var grants: Set<String> = []
    var requests: [IdentityRequest] = []
    var unavailableFor = 0
    private var counter = 0

    var writes: [String] {
        requests.filter { !["GET", "HEAD"].contains($0.method) && !$0.url.hasSuffix("/auth/tokens") }.map { "\($0.method) \(relative($0.url))" }
    }

    func exchange(_ request: IdentityRequest) throws -> IdentityResponse {
        requests.append(request)
        if unavailableFor > 0 {
            unavailableFor -= 1
            return IdentityResponse(status: 503)
        }
        let (path, query) = split(relative(request.url))
        let body = request.body.flatMap { try? JSONParser().parse($0) }?.objectValue ?? JSONObject()
        let parts = path.split(separator: "/").map(String.init)
        if path == "/auth/tokens" { return auth(body) }
        guard request.headers.contains(where: { $0.name == "X-Auth-Token" && $0.value == "tok-admin" }) else {
            return error(401, "The request you have made requires authentication.")
        }
        switch (request.method, parts.count) {
        case ("GET", 1):
            let items = (collections[parts[0]] ?? []).filter { item in query.allSatisfy { item[$0.0]?.stringValue == $0.1 } }
            return json(200, [parts[0]: JSONValue.array(items.map { JSONValue.object($0) })])
        case ("HEAD", 2):
            return IdentityResponse(status: (collections[parts[0]] ?? []).contains { $0["id"]?.stringValue == parts[1] } ? 200 : 404)
        case ("POST", 1):
            let key = String(parts[0].dropLast())
            guard var object = body[key]?.objectValue else { return error(400, "no \(key)") }
            counter += 1
            if object["id"] == nil { object["id"] = .string("\(key)-\(counter)") }
            if key == "user", let password = object["password"]?.stringValue {
                passwords[object["id"]?.stringValue ?? ""] = password
                object["password"] = nil
            }
            collections[parts[0], default: []].append(object)
            return json(201, [key: .object(object)])
        case ("PATCH", 2):
            let key = String(parts[0].dropLast())
            guard let index = collections[parts[0]]?.firstIndex(where: { $0["id"]?.stringValue == parts[1] }),
                let patch = body[key]?.objectValue
            else { return error(404, "not found") }
            for (field, value) in patch where field != "password" { collections[parts[0]]?[index][field] = value }
            if let password = patch["password"]?.stringValue { passwords[parts[1]] = password }
            return json(200, [key: .object(collections[parts[0]]?[index] ?? JSONObject())])
        case ("HEAD", _): return IdentityResponse(status: grants.contains(path) ? 204 : 404)
        case ("PUT", _):
            grants.insert(path)
            return IdentityResponse(status: 204)
        default: return error(404, "no route \(request.method) \(path)")
        }
    }

    private func auth(_ body: JSONObject) -> IdentityResponse {
        let user = body["auth"]?.objectValue?["identity"]?.objectValue?["password"]?.objectValue?["user"]?.objectValue ?? JSONObject()
        let id =
            user["id"]?.stringValue
            ?? collections["users"]?.first { $0["name"]?.stringValue == user["name"]?.stringValue }?["id"]?.stringValue ?? ""
        guard let password = user["password"]?.stringValue, passwords[id] == password else {
            return error(401, "The request you have made requires authentication.")
        }
        return IdentityResponse(status: 201, headers: [("X-Subject-Token", id == "u-admin" ? "tok-admin" : "tok-other")], body: Array("{}".utf8))
    }

    func relative(_ url: String) -> String {
        guard let range = url.firstRange(of: "/v3") else { return url }
        return String(url[range.upperBound...])
    }

    private func split(_ path: String) -> (String, [(String, String)]) {
        let halves = path.split(separator: "?", maxSplits: 1).map(String.init)
        let pairs = (halves.count > 1 ? halves[1] : "").split(separator: "&").map { pair -> (String, String) in
            let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingPercent() }
            return (kv[0], kv.count > 1 ? kv[1] : "")
        }
        return (halves.first ?? path, pairs)
    }

    private func json(_ status: Int, _ value: JSONObject) -> IdentityResponse {
        IdentityResponse(status: status, body: Array(JSONWriter().write(.object(value)).utf8))
    }

    private func error(_ status: Int, _ message: String) -> IdentityResponse {
        json(status, ["error": ["code": .int(status), "message": .string(message), "title": "Error"]])
    }
}

extension String {
    /// `%20` → space (the fake's query decoding).
    func replacingPercent() -> String {
        var bytes: [UInt8] = []
        var iterator = Array(utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
