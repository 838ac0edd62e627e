/// What went wrong talking to a registry. Messages name the registry and repository, never a
/// credential.
public enum RegistryError: Error, Sendable, CustomStringConvertible, Equatable {
    /// An image name that cannot be parsed.
    case invalidReference(String)
    /// The registry answered 401/403 even after authenticating.
    case unauthorized(String)
    /// No such manifest/blob/repository (404).
    case notFound(String)
    /// An unexpected HTTP status (after retries for the retryable ones).
    case http(status: Int, String)
    /// No HTTP response (after retries for the retryable kinds).
    case transport(String)
    /// A body that is not what the registry API promises (bad JSON, wrong digest).
    case invalidResponse(String)
    /// Content whose digest is not the one it was asked for.
    case digestMismatch(String)
    /// Something this client does not do.
    case unsupported(String)

    public var description: String {
        switch self {
        case .invalidReference(let s), .unauthorized(let s), .notFound(let s), .transport(let s), .invalidResponse(let s),
            .digestMismatch(let s), .unsupported(let s):
            return s
        case .http(_, let s): return s
        }
    }

    /// Whether another attempt could succeed (rate limits, server errors, broken connections).
    public var isRetryable: Bool {
        switch self {
        case .http(let status, _): return RetryPolicy.retryableStatuses.contains(status)
        case .transport, .digestMismatch: return true
        default: return false
        }
    }
}
