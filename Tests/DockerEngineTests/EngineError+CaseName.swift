import DockerEngine

extension EngineError {
    /// The case name, for tables that do not pin the message.
    var caseName: String {
        switch self {
        case .notFound: return "notFound"
        case .conflict: return "conflict"
        case .api: return "api"
        case .transport: return "transport"
        case .timedOut: return "timedOut"
        case .malformedReply: return "malformedReply"
        case .pullFailed: return "pullFailed"
        case .unsupportedVersion: return "unsupportedVersion"
        case .buildFailed: return "buildFailed"
        case .pushFailed: return "pushFailed"
        }
    }
}
