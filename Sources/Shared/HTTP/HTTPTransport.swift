/// What a streaming reader tells the transport after each piece of body.
public enum HTTPStreamControl: Sendable, Equatable {
    /// Keep reading.
    case proceed
    /// Stop now and close the connection (the rest of the body is discarded).
    case stop
}

/// Sends one HTTP/1.1 request and reads its response. The seam between the clients
/// (`EngineClient`, registries) and the network: `UnixSocketTransport`, `TCPTransport`, and
/// recorded replies in tests.
public protocol HTTPTransport: Sendable {
    /// Where requests go, for messages: `unix:///var/run/docker.sock`, `tcp://127.0.0.1:5000`.
    var endpoint: String { get }

    /// Sends `request` and reads the whole response (any status).
    /// - Throws: `HTTPError` when no complete response arrives (connect, timeout, framing, size limit).
    func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse

    /// Sends `request` and hands a 2xx body to `onChunk` piece by piece as it arrives (chunked
    /// framing removed); for a 2xx response the returned body is empty. Any other status is read
    /// whole (within the size limit) into the returned response, and `onChunk` is not called.
    /// - Parameter onChunk: receives each piece of body; returning `.stop` ends the exchange early.
    /// - Throws: `HTTPError` as for `send`.
    func stream(
        _ request: HTTPRequest, onChunk: (ArraySlice<UInt8>) -> HTTPStreamControl
    ) throws(HTTPError) -> HTTPResponse
}

/// Size limits for what a transport reads.
public struct HTTPLimits: Sendable, Equatable {
    /// Longest status line plus header block, in bytes.
    public var maxHeadBytes: Int
    /// Longest body `send` keeps in memory (streamed 2xx bodies are not limited), in bytes.
    public var maxBodyBytes: Int

    /// - Parameters:
    ///   - maxHeadBytes: status line and headers limit (default 64 KiB).
    ///   - maxBodyBytes: buffered body limit (default 64 MiB).
    public init(maxHeadBytes: Int = 64 << 10, maxBodyBytes: Int = 64 << 20) {
        self.maxHeadBytes = maxHeadBytes
        self.maxBodyBytes = maxBodyBytes
    }
}
