/// Why a request got no HTTP response.
public enum TransportError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Connection refused, reset or closed early: worth retrying.
    case connection(String)
    /// No answer in time: worth retrying.
    case timeout(String)
    /// The TLS handshake or certificate check failed.
    case tls(String)
    /// Anything else (bad URL, proxy misconfiguration).
    case other(String)

    /// Whether trying again later could help.
    public var isRetryable: Bool {
        switch self {
        case .connection, .timeout: return true
        case .tls, .other: return false
        }
    }

    public var description: String {
        switch self {
        case .connection(let s): return "connection failed: \(s)"
        case .timeout(let s): return "timed out: \(s)"
        case .tls(let s): return "TLS failed: \(s)"
        case .other(let s): return s
        }
    }
}
