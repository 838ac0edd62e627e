import Digest
public import JSON
public import Registry
public import Synchronization

/// Test support (like ModuleTesting): an in-memory Docker Registry v2 (the distribution semantics the copier relies on: manifests
/// checked against their blobs, cross-repository mounts, upload sessions, tag pages), a token
/// service and a blob store for redirects, behind ``RegistryTransport``. Every request is recorded;
/// faults and auth modes are set per test. Nothing touches the network.
public final class FakeNetwork: RegistryTransport, Sendable {
    /// How a registry wants to be authenticated.
    public enum Auth: Sendable {
        case none
        case basic(user: String, password: String)
        /// Tokens from `http://auth.fake/token`; credentials required when given.
        case bearer(user: String?, password: String?, expiresIn: Int)
    }

    /// One recorded request.
    public struct Record: Sendable {
        public var method: String
        public var url: String
        public var headers: [(name: String, value: String)]
        public var bodyBytes: Int

        public var authorization: String? { headers.first { $0.name.lowercased() == "authorization" }?.value }
        public var path: String { URLPartsLite.path(url) }
        public var host: String { URLPartsLite.host(url) }
    }

    /// A scripted failure: the next `times` requests matching `method` and a path containing
    /// `pathContains` get `status` (with `headers`) or, with status 0, a connection reset.
    public struct Fault: Sendable {
        public var method: String?
        public var pathContains: String
        public var status: Int
        public var headers: [(name: String, value: String)] = []
        public var times: Int

        /// A fault.
        public init(method: String?, pathContains: String, status: Int, headers: [(name: String, value: String)] = [], times: Int) {
            self.method = method
            self.pathContains = pathContains
            self.status = status
            self.headers = headers
            self.times = times
        }
    }

    public struct Repo: Sendable {
        public var manifests: [String: (bytes: [UInt8], type: String)] = [:]
        public var tags: [String] = []
        public var blobs: Set<String> = []
    }

    public struct Registry: Sendable {
        public var auth: Auth = .none
        public var repos: [String: Repo] = [:]
        public var redirectBlobs = false
        public var tagPageSize: Int?
        public var rejectOCI = false
    }

    public struct State: Sendable {
        public var registries: [String: Registry] = [:]
        public var blobs: [String: [UInt8]] = [:]
        public var uploads: [String: (host: String, repo: String, bytes: [UInt8])] = [:]
        public var log: [Record] = []
        public var faults: [Fault] = []
        public var tokens: [String: String] = [:]  // token → host it was issued for
        public var tokenRequests: [String] = []  // scope query strings
        public var nextID = 0
    }

    public let state = Mutex(State())

    public init(registries: [String]) {
        state.withLock { s in for host in registries { s.registries[host] = Registry() } }
    }

    // MARK: setup and inspection

    public func configure(_ host: String, _ change: (inout Registry) -> Void) {
        state.withLock { s in change(&s.registries[host, default: Registry()]) }
    }

    public func inject(_ fault: Fault) { state.withLock { $0.faults.append(fault) } }

    public func revokeTokens() { state.withLock { $0.tokens = [:] } }

    public var log: [Record] { state.withLock { $0.log } }

    public var tokenRequests: [String] { state.withLock { $0.tokenRequests } }

    public func requests(_ method: String, _ contains: String, host: String? = nil) -> [Record] {
        log.filter { $0.method == method && $0.path.contains(contains) && (host == nil || $0.host == host) }
    }

    /// Stores a blob in `repo` directly.
    public func seedBlob(_ bytes: [UInt8], host: String, repo: String) -> String {
        let digest = SHA256.digest(bytes)
        state.withLock { s in
            s.blobs[digest] = bytes
            s.registries[host, default: Registry()].repos[repo, default: Repo()].blobs.insert(digest)
        }
        return digest
    }

    /// Stores a manifest under its digest and `tag`.
    public func seedManifest(_ bytes: [UInt8], type: String, host: String, repo: String, tag: String?) {
        let digest = SHA256.digest(bytes)
        state.withLock { s in
            var r = s.registries[host, default: Registry()].repos[repo, default: Repo()]
            r.manifests[digest] = (bytes, type)
            if let tag {
                r.manifests[tag] = (bytes, type)
                if !r.tags.contains(tag) { r.tags.append(tag) }
            }
            s.registries[host, default: Registry()].repos[repo] = r
        }
    }

    public func manifest(host: String, repo: String, reference: String) -> [UInt8]? {
        state.withLock { $0.registries[host]?.repos[repo]?.manifests[reference]?.bytes }
    }

    public func hasBlob(host: String, repo: String, digest: String) -> Bool {
        state.withLock { $0.registries[host]?.repos[repo]?.blobs.contains(digest) ?? false }
    }

    // MARK: RegistryTransport

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        var body: [UInt8] = []
        switch request.body {
        case .none: break
        case .bytes(let bytes): body = bytes
        case .stream(_, let stream): body = try await stream.collect(limit: 1 << 28)
        }
        let record = Record(method: request.method, url: request.url, headers: request.headers, bodyBytes: body.count)
        let fault: Fault? = state.withLock { s in
            s.log.append(record)
            guard
                let index = s.faults.firstIndex(where: { f in
                    (f.method == nil || f.method == request.method) && record.path.contains(f.pathContains) && f.times > 0
                })
            else { return nil }
            s.faults[index].times -= 1
            return s.faults[index]
        }
        if let fault {
            if fault.status == 0 { throw TransportError.connection("connection reset by peer (fake)") }
            return Self.response(fault.status, headers: fault.headers, body: Array("{\"errors\":[{\"code\":\"FAULT\"}]}".utf8))
        }
        return state.withLock { s in Self.handle(request, body: body, record: record, state: &s) }
    }

    public static func response(_ status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) -> TransportResponse {
        TransportResponse(status: status, headers: headers + [(name: "Content-Length", value: String(body.count))], body: .bytes(body))
    }

    public static func error(_ status: Int, _ code: String) -> TransportResponse {
        response(
            status, headers: [(name: "Content-Type", value: "application/json")],
            body: Array("{\"errors\":[{\"code\":\"\(code)\",\"message\":\"\(code.lowercased())\"}]}".utf8))
    }
}

/// Tiny URL helpers for the fake (the client's own parser is internal).
public enum URLPartsLite {
    public static func host(_ url: String) -> String {
        guard let r = url.firstRange(of: "://") else { return "" }
        let rest = url[r.upperBound...]
        return String(rest.prefix { $0 != "/" && $0 != "?" })
    }

    public static func path(_ url: String) -> String {
        guard let r = url.firstRange(of: "://") else { return url }
        let rest = url[r.upperBound...]
        guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        return String(rest[slash...])
    }

    public static func query(_ url: String) -> [String: [String]] {
        guard let q = url.firstIndex(of: "?") else { return [:] }
        var out: [String: [String]] = [:]
        for pair in url[url.index(after: q)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            out[parts[0], default: []].append(decode(parts.count > 1 ? parts[1] : ""))
        }
        return out
    }

    public static func decode(_ s: String) -> String {
        var bytes: [UInt8] = []
        var i = s.utf8.startIndex
        let u = s.utf8
        while i < u.endIndex {
            if u[i] == UInt8(ascii: "%"), let a = u.index(i, offsetBy: 1, limitedBy: u.endIndex),
                let b = u.index(i, offsetBy: 2, limitedBy: u.endIndex),
                b < u.endIndex, let v = UInt8(String(decoding: [u[a], u[b]], as: UTF8.self), radix: 16)
            {
                bytes.append(v)
                i = u.index(i, offsetBy: 3)
            } else {
                bytes.append(u[i])
                i = u.index(after: i)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
