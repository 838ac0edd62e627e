import Platform

/// Plain HTTP/1.1 over TCP (no TLS), one connection per request. `Host` is `host:port`.
public struct TCPTransport: HTTPTransport {
    /// Host name or address (`127.0.0.1`, `::1`, `localhost`).
    public var host: String
    /// TCP port.
    public var port: UInt16
    /// Longest wait for any single step (connect, send, each read) unless the request sets its own.
    public var timeout: Duration
    /// Size limits for responses.
    public var limits: HTTPLimits

    /// - Parameters:
    ///   - host: host name or address.
    ///   - port: TCP port.
    ///   - timeout: per-step wait limit (default 120 seconds).
    ///   - limits: response size limits.
    public init(host: String, port: UInt16, timeout: Duration = .seconds(120), limits: HTTPLimits = HTTPLimits()) {
        self.host = host
        self.port = port
        self.timeout = timeout
        self.limits = limits
    }

    /// `tcp://host:port` (an IPv6 address in brackets).
    public var endpoint: String { "tcp://\(authority)" }

    /// `host:port`, with an IPv6 address in brackets, as the `Host` field wants it.
    public var authority: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    public func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        try exchange(request, onChunk: nil)
    }

    public func stream(
        _ request: HTTPRequest, onChunk: (ArraySlice<UInt8>) -> HTTPStreamControl
    ) throws(HTTPError) -> HTTPResponse {
        try withoutActuallyEscaping(onChunk) { (onChunk) throws(HTTPError) in
            try exchange(request, onChunk: onChunk)
        }
    }

    private func exchange(
        _ request: HTTPRequest, onChunk: ((ArraySlice<UInt8>) -> HTTPStreamControl)?
    ) throws(HTTPError) -> HTTPResponse {
        let host = self.host
        let port = self.port
        return try SocketChannel.exchange(
            request, endpoint: endpoint, host: authority, defaultTimeout: timeout, limits: limits,
            connect: { (millis) throws(SocketError) in
                try StreamSocket.connectTCP(host: host, port: port, timeoutMilliseconds: millis)
            },
            onChunk: onChunk)
    }
}
