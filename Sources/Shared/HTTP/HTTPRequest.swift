/// The request methods the clients use.
public enum HTTPMethod: String, Sendable, Equatable, CaseIterable {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
}

/// One HTTP/1.1 request: method, origin-form target (`/v1.41/containers/json?all=1`), extra header
/// fields and body. The transport adds `Host`, `Connection: close`, `User-Agent` and `Content-Length`.
public struct HTTPRequest: Sendable, Equatable {
    /// The method.
    public var method: HTTPMethod
    /// Path and query, already percent-encoded (see `PercentEncoding` and `QueryString`); starts with `/`.
    public var target: String
    /// Extra fields (`Content-Type`, `X-Registry-Auth`, …). A `Host` field here replaces the transport's.
    public var headers: HTTPHeaders
    /// The body; empty for none.
    public var body: [UInt8]
    /// Longest wait for any single step (connect, send, each read); `nil` uses the transport's,
    /// a negative duration waits forever.
    public var timeout: Duration?

    /// - Parameters:
    ///   - method: the method (default GET).
    ///   - target: path and query, percent-encoded.
    ///   - headers: extra header fields.
    ///   - body: the body bytes.
    ///   - timeout: per-step wait limit overriding the transport's, e.g. for a long `wait` call.
    public init(
        _ method: HTTPMethod = .get, _ target: String, headers: HTTPHeaders = [:], body: [UInt8] = [],
        timeout: Duration? = nil
    ) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
