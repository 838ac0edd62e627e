import Digest
public import JSON
public import Registry

/// The fake's request handling (runs under the state lock).
extension FakeNetwork {
    public static let authHost = "auth.fake"
    public static let storageHost = "storage.fake"

    public static func handle(_ request: TransportRequest, body: [UInt8], record: Record, state s: inout State) -> TransportResponse {
        let host = record.host
        let path = record.path
        let pathOnly = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        if host == authHost { return token(record, state: &s) }
        if host == storageHost {
            let digest = String(pathOnly.dropFirst("/blob/".count))
            guard let bytes = s.blobs[digest] else { return error(404, "BLOB_UNKNOWN") }
            return response(200, body: request.method == "HEAD" ? [] : bytes)
        }
        guard let registry = s.registries[host] else { return error(404, "NO_SUCH_HOST") }
        if let denied = authorize(record, host: host, registry: registry, state: s) { return denied }
        if pathOnly == "/v2/" || pathOnly == "/v2" { return response(200, body: Array("{}".utf8)) }
        guard pathOnly.hasPrefix("/v2/") else { return error(404, "NOT_FOUND") }
        let rest = String(pathOnly.dropFirst(4))
        if let r = rest.firstRange(of: "/blobs/uploads") {
            let repo = String(rest[..<r.lowerBound])
            let session = String(rest[r.upperBound...]).trimmingPrefix("/")
            return upload(request, record: record, body: body, host: host, repo: repo, session: String(session), state: &s)
        }
        if let r = rest.firstRange(of: "/manifests/") {
            return manifest(request, body: body, host: host, repo: String(rest[..<r.lowerBound]), reference: String(rest[r.upperBound...]), state: &s)
        }
        if let r = rest.firstRange(of: "/blobs/") {
            let repo = String(rest[..<r.lowerBound])
            let digest = String(rest[r.upperBound...])
            guard registry.repos[repo]?.blobs.contains(digest) == true, let bytes = s.blobs[digest] else { return error(404, "BLOB_UNKNOWN") }
            if registry.redirectBlobs && request.method == "GET" {
                return response(307, headers: [(name: "Location", value: "http://\(storageHost)/blob/\(digest)")])
            }
            return response(200, headers: [(name: "Docker-Content-Digest", value: digest)], body: request.method == "HEAD" ? [] : bytes)
        }
        if let r = rest.firstRange(of: "/tags/list") {
            let repo = String(rest[..<r.lowerBound])
            guard let tags = registry.repos[repo]?.tags else { return error(404, "NAME_UNKNOWN") }
            let query = URLPartsLite.query(record.url)
            var page = tags
            if let last = query["last"]?.first, let at = tags.firstIndex(of: last) { page = Array(tags[tags.index(after: at)...]) }
            var headers: [(name: String, value: String)] = []
            if let size = registry.tagPageSize, page.count > size {
                page = Array(page.prefix(size))
                headers.append((name: "Link", value: "</v2/\(repo)/tags/list?n=\(size)&last=\(page.last ?? "")>; rel=\"next\""))
            }
            let json = JSONWriter().write(.object(["name": .string(repo), "tags": .array(page.map { .string($0) })]))
            return response(200, headers: headers, body: Array(json.utf8))
        }
        return error(404, "NOT_FOUND")
    }

    public static func authorize(_ record: Record, host: String, registry: Registry, state s: State) -> TransportResponse? {
        switch registry.auth {
        case .none: return nil
        case .basic(let user, let password):
            if record.authorization == "Basic " + TestBase64.encode("\(user):\(password)") { return nil }
            return response(401, headers: [(name: "WWW-Authenticate", value: "Basic realm=\"fake\"")])
        case .bearer:
            if let auth = record.authorization, auth.hasPrefix("Bearer "), s.tokens[String(auth.dropFirst(7))] == host { return nil }
            return response(
                401, headers: [(name: "WWW-Authenticate", value: "Bearer realm=\"http://\(authHost)/token\",service=\"\(host)\"")])
        }
    }

    public static func token(_ record: Record, state s: inout State) -> TransportResponse {
        let query = URLPartsLite.query(record.url)
        guard let service = query["service"]?.first, let registry = s.registries[service],
            case .bearer(let user, let password, let expiresIn) = registry.auth
        else { return error(400, "BAD_SERVICE") }
        s.tokenRequests.append((query["scope"] ?? []).joined(separator: " "))
        if let user, let password, record.authorization != "Basic " + TestBase64.encode("\(user):\(password)") {
            return error(401, "UNAUTHORIZED")
        }
        s.nextID += 1
        let token = "tok-\(s.nextID)"
        s.tokens[token] = service
        return response(200, body: Array("{\"token\":\"\(token)\",\"expires_in\":\(expiresIn)}".utf8))
    }

    public static func manifest(
        _ request: TransportRequest, body: [UInt8], host: String, repo: String, reference: String, state s: inout State
    )
        -> TransportResponse
    {
        switch request.method {
        case "GET", "HEAD":
            guard let stored = s.registries[host]?.repos[repo]?.manifests[reference] else { return error(404, "MANIFEST_UNKNOWN") }
            return response(
                200,
                headers: [(name: "Content-Type", value: stored.type), (name: "Docker-Content-Digest", value: SHA256.digest(stored.bytes))],
                body: request.method == "HEAD" ? [] : stored.bytes)
        case "PUT":
            let type = request.headers.first { $0.name == "Content-Type" }?.value ?? ""
            if s.registries[host]?.rejectOCI == true && type.contains("oci") { return error(400, "MANIFEST_INVALID") }
            guard case .object(let object)? = try? JSONParser().parse(body) else { return error(400, "MANIFEST_INVALID") }
            let repoState = s.registries[host]?.repos[repo] ?? Repo()
            var needed: [String] = []
            if let config = object["config"]?.objectValue?["digest"]?.stringValue { needed.append(config) }
            for layer in object["layers"]?.arrayValue ?? [] { if let d = layer.objectValue?["digest"]?.stringValue { needed.append(d) } }
            for d in needed where !repoState.blobs.contains(d) { return error(400, "MANIFEST_BLOB_UNKNOWN") }
            for child in object["manifests"]?.arrayValue ?? [] {
                if let d = child.objectValue?["digest"]?.stringValue, repoState.manifests[d] == nil { return error(400, "MANIFEST_UNKNOWN") }
            }
            let digest = SHA256.digest(body)
            var r = repoState
            r.manifests[digest] = (body, type)
            if !reference.hasPrefix("sha256:") {
                r.manifests[reference] = (body, type)
                if !r.tags.contains(reference) { r.tags.append(reference) }
            }
            s.registries[host, default: Registry()].repos[repo] = r
            return response(201, headers: [(name: "Docker-Content-Digest", value: digest)])
        default:
            return error(405, "UNSUPPORTED")
        }
    }

    public static func upload(
        _ request: TransportRequest, record: Record, body: [UInt8], host: String, repo: String, session: String, state s: inout State
    )
        -> TransportResponse
    {
        let query = URLPartsLite.query(record.url)
        let sessionID = session.split(separator: "?").first.map(String.init) ?? ""
        switch request.method {
        case "POST":
            if let digest = query["mount"]?.first, let from = query["from"]?.first,
                s.registries[host]?.repos[from]?.blobs.contains(digest) == true
            {
                s.registries[host, default: Registry()].repos[repo, default: Repo()].blobs.insert(digest)
                return response(201, headers: [(name: "Docker-Content-Digest", value: digest)])
            }
            s.nextID += 1
            let id = "u\(s.nextID)"
            s.uploads[id] = (host, repo, [])
            return response(202, headers: [(name: "Location", value: "/v2/\(repo)/blobs/uploads/\(id)?_state=secret-state")])
        case "PATCH":
            guard s.uploads[sessionID] != nil else { return error(404, "BLOB_UPLOAD_UNKNOWN") }
            s.uploads[sessionID]?.bytes += body
            return response(202, headers: [(name: "Location", value: "/v2/\(repo)/blobs/uploads/\(sessionID)?_state=secret-state2")])
        case "PUT":
            guard let upload = s.uploads[sessionID] else { return error(404, "BLOB_UPLOAD_UNKNOWN") }
            let bytes = upload.bytes + body
            guard let digest = query["digest"]?.first, SHA256.digest(bytes) == digest else { return error(400, "DIGEST_INVALID") }
            s.uploads[sessionID] = nil
            s.blobs[digest] = bytes
            s.registries[host, default: Registry()].repos[repo, default: Repo()].blobs.insert(digest)
            return response(201, headers: [(name: "Docker-Content-Digest", value: digest)])
        default:
            return error(405, "UNSUPPORTED")
        }
    }
}

/// `Basic` credentials text for the fake's checks and the tests' "never printed" checks (Digest's
/// ``Base64``, which has its own vectors in DockerEngineTests).
public enum TestBase64 {
    public static func encode(_ text: String) -> String { Base64.standardEncoded(Array(text.utf8)) }
}
