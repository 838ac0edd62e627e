/// Why a pattern cannot be used by ``PythonRegex``.
public enum PythonRegexError: Error, Equatable, CustomStringConvertible {
    /// Valid Python, but outside the supported subset (`construct` says which part, e.g. "a group '(…)'").
    case unsupported(pattern: String, construct: String)
    /// Not a valid pattern (`reason` says why, e.g. "'[' is never closed").
    case malformed(pattern: String, reason: String)

    /// The pattern the error is about.
    public var pattern: String {
        switch self {
        case .unsupported(let pattern, _), .malformed(let pattern, _): pattern
        }
    }

    /// The problem without the pattern: "a group '(…)' is not supported", "'[' is never closed".
    public var reason: String {
        switch self {
        case .unsupported(_, let construct): "\(construct) is not supported"
        case .malformed(_, let reason): reason
        }
    }

    /// `pattern '<p>': <reason>`.
    public var description: String { "pattern '\(pattern)': \(reason)" }
}
