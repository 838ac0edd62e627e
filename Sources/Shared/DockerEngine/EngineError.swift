public import HTTP

/// The kinds of Engine objects an error can be about.
public enum EngineObject: String, Sendable, Equatable, CaseIterable {
    case container, image, volume, exec
}

/// Why an Engine API call failed. Descriptions are operator sentences in the Docker CLI's wording;
/// none carries a header, credential or request body.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    /// The daemon answered 404 for a named object ("No such container: x").
    case notFound(kind: EngineObject, name: String)
    /// The daemon answered 409 (name in use, container not running, image in use, …) with its message.
    case conflict(String)
    /// Any other error status, with the daemon's `message` field (or the body text).
    case api(status: Int, message: String)
    /// The request did not get a complete answer (cannot connect, connection lost, bad framing, size limit).
    case transport(HTTPError)
    /// A single wait for the daemon took longer than the timeout.
    case timedOut(seconds: Double)
    /// The daemon answered 2xx with a body that is not what the API documents.
    case malformedReply(String)
    /// An image pull reported an `error` line (the daemon's text, e.g. "manifest for x:y not found").
    case pullFailed(image: String, message: String)
    /// The requested API version is unreadable, or the daemon cannot speak a version we support.
    case unsupportedVersion(String)
    /// An image build reported an error (the daemon's text, e.g. "The command '/bin/sh -c x' returned a non-zero code: 1").
    case buildFailed(image: String, message: String)
    /// An image push reported an error (the daemon's text, e.g. "unauthorized: authentication required").
    case pushFailed(image: String, message: String)

    public var description: String {
        switch self {
        case .notFound(let kind, let name): return "No such \(kind.rawValue): \(name)"
        case .conflict(let message): return "Error response from daemon: \(message)"
        case .api(let status, let message): return "Error response from daemon (HTTP \(status)): \(message)"
        case .transport(let error): return Self.describe(error)
        case .timedOut(let seconds):
            let whole = seconds == seconds.rounded() && abs(seconds) < 1e15
            return "the Docker daemon gave no answer within \(whole ? String(Int(seconds)) : String(seconds)) seconds"
        case .malformedReply(let what): return "unexpected reply from the Docker daemon: \(what)"
        case .pullFailed(let image, let message): return "pulling \(image) failed: \(message)"
        case .unsupportedVersion(let what): return what
        case .buildFailed(let image, let message): return "building \(image) failed: \(message)"
        case .pushFailed(let image, let message): return "pushing \(image) failed: \(message)"
        }
    }

    /// `true` when the daemon could not be reached at all (no socket file, nobody listening).
    public var isDaemonUnreachable: Bool {
        guard case .transport(.connect(_, let reason)) = self else { return false }
        return reason == .noSuchSocket || reason == .refused
    }

    private static func describe(_ error: HTTPError) -> String {
        guard case .connect(let endpoint, let reason) = error else { return error.description }
        switch reason {
        case .noSuchSocket, .refused:
            return "Cannot connect to the Docker daemon at \(endpoint). Is the docker daemon running?"
        case .permissionDenied:
            return "permission denied while trying to connect to the Docker daemon socket at \(endpoint)"
        case .unresolved, .other:
            return "error during connect to \(endpoint): \(reason)"
        }
    }
}
