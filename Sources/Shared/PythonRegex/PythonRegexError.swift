/// Why a pattern cannot be used by ``PythonRegex``.
public enum PythonRegexError: Error, Equatable, CustomStringConvertible {
    /// Valid Python, but not something this engine can evaluate (`construct` says which part).
    case unsupported(pattern: String, construct: String)
    /// Not a valid pattern: Python's `re` rejects it too (`reason` is Python's, e.g. "nothing to repeat at position 0").
    case malformed(pattern: String, reason: String)

    /// The pattern the error is about.
    public var pattern: String {
        switch self {
        case .unsupported(let pattern, _), .malformed(let pattern, _): pattern
        }
    }

    /// The problem without the pattern: "a named Unicode escape '\N{…}' is not supported", "unterminated character set at position 0".
    public var reason: String {
        switch self {
        case .unsupported(_, let construct): "\(construct) is not supported"
        case .malformed(_, let reason): reason
        }
    }

    /// `pattern '<p>': <reason>`.
    public var description: String { "pattern '\(pattern)': \(reason)" }
}
