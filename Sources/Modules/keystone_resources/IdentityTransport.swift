import Registry

/// One HTTP exchange with the Identity API, synchronous: the seam the unit tests replace with a fake
/// Keystone. Production is ``HTTPIdentityTransport`` (the deploy binary's async-http-client: TLS,
/// proxies, keep-alive).
public protocol IdentityTransport {
    /// Sends one request; a response of any status is returned, transport failures throw ``TransportError``.
    func exchange(_ request: IdentityRequest) throws -> IdentityResponse
}

/// A request to the Identity API.
public struct IdentityRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?

    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// A whole response (Identity responses are small).
public struct IdentityResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }
}

/// ``IdentityTransport`` over the registry client's async-http-client transport, waited for.
final class HTTPIdentityTransport: IdentityTransport {
    private let transport: LazyTransport
    private let verify: Bool
    private let timeout: Double

    init(caFile: String?, verify: Bool, timeout: Double) {
        transport = LazyTransport { try HTTPClientTransport(caFile: caFile, connectTimeout: 5, readTimeout: timeout) }
        self.verify = verify
        self.timeout = timeout
    }

    func exchange(_ request: IdentityRequest) throws -> IdentityResponse {
        let outgoing = TransportRequest(
            method: request.method, url: request.url, headers: request.headers, body: request.body.map { .bytes($0) } ?? .none,
            verifyCertificate: verify, timeout: timeout)
        let transport = self.transport
        return try Blocking.run {
            let response = try await transport.send(outgoing)
            let body = try await response.body.collect(limit: 16 << 20)
            return IdentityResponse(status: response.status, headers: response.headers, body: body)
        }
    }

    /// Closes the pooled connections.
    func shutdown() {
        guard transport.isStarted else { return }
        let transport = self.transport
        _ = try? Blocking.run { await transport.shutdown() }
    }
}
