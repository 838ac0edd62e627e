/// The seam under ``RegistryClient``: one HTTP exchange, no redirects followed, no retries, no auth
/// (the client does those). Production uses ``HTTPClientTransport`` (async-http-client: TLS, proxies,
/// connection reuse); unit tests use an in-memory registry.
public protocol RegistryTransport: Sendable {
    /// Sends `request` and returns as soon as the response head is in; the body streams after.
    /// - Throws: ``TransportError`` for anything below HTTP (refused, reset, timeout, TLS).
    func send(_ request: TransportRequest) async throws -> TransportResponse
}

/// One request as the transport sends it.
public struct TransportRequest: Sendable {
    /// `GET`, `HEAD`, `POST`, `PUT`, `PATCH`, `DELETE`.
    public var method: String
    /// The absolute URL.
    public var url: String
    /// Header fields in order.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: RequestBody
    /// Verify the server certificate (false for `no_verify_registries`).
    public var verifyCertificate: Bool
    /// How long the whole exchange may take, seconds (blob streams get long ones).
    public var timeout: Double

    /// A request.
    public init(
        method: String, url: String, headers: [(name: String, value: String)] = [], body: RequestBody = .none,
        verifyCertificate: Bool = true, timeout: Double = 60
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.verifyCertificate = verifyCertificate
        self.timeout = timeout
    }
}

/// A request body: nothing, bytes in memory, or a stream of known length.
public enum RequestBody: Sendable {
    /// No body.
    case none
    /// Small bodies (manifests, configs, token forms): can be sent again on a retry.
    case bytes([UInt8])
    /// A streamed body (a blob on its way from the source registry): sent once.
    case stream(length: Int64, ByteStream)

    /// Whether the body can be sent again (retries).
    public var isReplayable: Bool {
        if case .stream = self { return false }
        return true
    }
}

/// A response: status, headers, and the body still streaming.
public struct TransportResponse: Sendable {
    /// The HTTP status.
    public var status: Int
    /// Header fields in order.
    public var headers: [(name: String, value: String)]
    /// The body (empty for HEAD).
    public var body: ByteStream

    /// A response.
    public init(status: Int, headers: [(name: String, value: String)], body: ByteStream) {
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
