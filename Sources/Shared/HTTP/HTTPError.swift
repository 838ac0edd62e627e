/// Why an HTTP exchange failed before a complete response was read. Carries no header or body.
public enum HTTPError: Error, Equatable, CustomStringConvertible {
    /// Could not connect to `endpoint` (`unix:///var/run/docker.sock`, `tcp://127.0.0.1:5000`).
    case connect(endpoint: String, reason: ConnectFailure)
    /// A single wait (connect, send or read) took longer than the timeout.
    case timedOut(seconds: Double)
    /// Sending or receiving failed after the connection was made (`errno` text).
    case io(endpoint: String, reason: String)
    /// The peer closed the connection before the response was complete.
    case closedEarly(endpoint: String)
    /// The response does not follow HTTP/1.1 (bad status line, header or chunk size).
    case malformed(String)
    /// The response head or body is larger than the configured limit (bytes).
    case tooLarge(limit: Int)
    /// The request cannot be written (a target or header field with a line break or space).
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .connect(let endpoint, let reason): return "cannot connect to \(endpoint): \(reason)"
        case .timedOut(let seconds): return "no answer within \(Self.format(seconds)) seconds"
        case .io(let endpoint, let reason): return "connection to \(endpoint) failed: \(reason)"
        case .closedEarly(let endpoint): return "\(endpoint) closed the connection before the response was complete"
        case .malformed(let what): return "malformed HTTP response: \(what)"
        case .tooLarge(let limit): return "the response is larger than the limit of \(limit) bytes"
        case .invalidRequest(let what): return "invalid request: \(what)"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int(seconds)) : String(seconds)
    }
}

/// Why a connection could not be made: the cases callers word differently, then the rest.
public enum ConnectFailure: Sendable, Equatable, CustomStringConvertible {
    /// The socket file does not exist (ENOENT).
    case noSuchSocket
    /// Nothing listens there (ECONNREFUSED).
    case refused
    /// The caller may not use the socket (EACCES, EPERM).
    case permissionDenied
    /// The host name does not resolve (`gai_strerror` text).
    case unresolved(String)
    /// Any other failure (`errno` text).
    case other(String)

    public var description: String {
        switch self {
        case .noSuchSocket: return "No such file or directory"
        case .refused: return "Connection refused"
        case .permissionDenied: return "Permission denied"
        case .unresolved(let reason): return "cannot resolve the host name (\(reason))"
        case .other(let reason): return reason
        }
    }
}
