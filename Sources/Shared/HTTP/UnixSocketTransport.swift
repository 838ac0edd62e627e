import Platform

/// HTTP/1.1 over an AF_UNIX stream socket (the Docker and Podman API sockets), one connection per
/// request, `Host: localhost`.
public struct UnixSocketTransport: HTTPTransport {
    /// The socket file.
    public var path: String
    /// Longest wait for any single step (connect, send, each read) unless the request sets its own.
    public var timeout: Duration
    /// Size limits for responses.
    public var limits: HTTPLimits

    /// - Parameters:
    ///   - path: the socket file (default `/var/run/docker.sock`).
    ///   - timeout: per-step wait limit (default 120 seconds, docker-py's default).
    ///   - limits: response size limits.
    public init(path: String = "/var/run/docker.sock", timeout: Duration = .seconds(120), limits: HTTPLimits = HTTPLimits()) {
        self.path = path
        self.timeout = timeout
        self.limits = limits
    }

    /// `unix://` followed by the path.
    public var endpoint: String { "unix://\(path)" }

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
        let path = self.path
        return try SocketChannel.exchange(
            request, endpoint: endpoint, host: "localhost", defaultTimeout: timeout, limits: limits,
            connect: { (millis) throws(SocketError) in try StreamSocket.connectUnix(path: path, timeoutMilliseconds: millis) },
            onChunk: onChunk)
    }
}
