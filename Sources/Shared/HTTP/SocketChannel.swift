import Platform

/// A `ByteChannel` over a connected `StreamSocket`, mapping socket failures to `HTTPError`.
struct SocketChannel: ByteChannel {
    let socket: StreamSocket
    let endpoint: String
    let timeout: Duration

    func write(_ bytes: [UInt8]) throws(HTTPError) {
        do {
            try socket.transmit(bytes, timeoutMilliseconds: timeout.pollMilliseconds)
        } catch {
            throw Self.map(error, endpoint: endpoint, timeout: timeout)
        }
    }

    func read(into buffer: inout [UInt8]) throws(HTTPError) -> Int {
        do {
            return try socket.receive(into: &buffer, timeoutMilliseconds: timeout.pollMilliseconds)
        } catch {
            throw Self.map(error, endpoint: endpoint, timeout: timeout)
        }
    }

    /// Opens a connection with `connect`, runs one exchange, and closes the socket.
    static func exchange(
        _ request: HTTPRequest, endpoint: String, host: String, defaultTimeout: Duration, limits: HTTPLimits,
        connect: (Int32) throws(SocketError) -> StreamSocket, onChunk: ((ArraySlice<UInt8>) -> HTTPStreamControl)?
    ) throws(HTTPError) -> HTTPResponse {
        let timeout = request.timeout ?? defaultTimeout
        let socket: StreamSocket
        do {
            socket = try connect(timeout.pollMilliseconds)
        } catch {
            throw mapConnect(error, endpoint: endpoint, timeout: timeout)
        }
        defer { socket.release() }
        let channel = SocketChannel(socket: socket, endpoint: endpoint, timeout: timeout)
        return try HTTPExchange(channel: channel, endpoint: endpoint, host: host, limits: limits)
            .run(request, onChunk: onChunk)
    }

    private static func map(_ error: SocketError, endpoint: String, timeout: Duration) -> HTTPError {
        switch error {
        case .timedOut: return .timedOut(seconds: timeout.seconds)
        case .system(let system): return .io(endpoint: endpoint, reason: system.reason)
        case .unresolved(_, let reason): return .connect(endpoint: endpoint, reason: .unresolved(reason))
        }
    }

    private static func mapConnect(_ error: SocketError, endpoint: String, timeout: Duration) -> HTTPError {
        switch error {
        case .timedOut: return .timedOut(seconds: timeout.seconds)
        case .unresolved(_, let reason): return .connect(endpoint: endpoint, reason: .unresolved(reason))
        case .system(let system):
            if system.isNotFound { return .connect(endpoint: endpoint, reason: .noSuchSocket) }
            if system.isConnectionRefused { return .connect(endpoint: endpoint, reason: .refused) }
            if system.isPermissionDenied { return .connect(endpoint: endpoint, reason: .permissionDenied) }
            return .connect(endpoint: endpoint, reason: .other(system.reason))
        }
    }
}

extension Duration {
    /// Whole milliseconds for `poll`, at least 1 for a positive duration, capped at `Int32.max`; negative means forever.
    var pollMilliseconds: Int32 {
        let (seconds, attoseconds) = components
        if seconds < 0 || (seconds == 0 && attoseconds < 0) { return -1 }
        if seconds >= Int64(Int32.max / 1000) { return Int32.max }
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(millis)
    }

    /// The duration in seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
