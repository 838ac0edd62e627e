/// Why a socket operation failed: a system call with its `errno`, a host name that does not
/// resolve, or a wait (`poll`) that ran out of time.
public enum SocketError: Error, Equatable, CustomStringConvertible {
    /// A system call (`socket`, `connect`, `send`, `recv`, `poll`) failed.
    case system(SystemError)
    /// `getaddrinfo` could not resolve `host`; `reason` is the `gai_strerror` text.
    case unresolved(host: String, reason: String)
    /// `poll` waited the whole timeout for `operation` (`connect`, `send`, `receive`).
    case timedOut(operation: String)

    public var description: String {
        switch self {
        case .system(let error): return error.description
        case .unresolved(let host, let reason): return "cannot resolve \(host): \(reason)"
        case .timedOut(let operation): return "\(operation) timed out"
        }
    }
}

extension SystemError {
    /// `true` for ECONNREFUSED (nothing listens at the address or socket path).
    public var isConnectionRefused: Bool { code == Syscalls.econnrefused }

    /// `true` for EACCES and EPERM.
    public var isPermissionDenied: Bool { code == Syscalls.eacces || code == Syscalls.eperm }
}
