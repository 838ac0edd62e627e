public import PythonRegex

/// One `permissions[].exclude` entry: a ``PythonRegex`` (Python's `re` syntax and `re.search`
/// semantics), with Kolla's error wording.
public struct ExcludePattern: Sendable, Equatable, CustomStringConvertible {
    /// The compiled pattern.
    public let regex: PythonRegex

    /// The pattern as written in `config.json`.
    public var source: String { regex.source }

    /// Compiles `pattern`.
    /// - Throws: `KollaError.invalidConfig` with Python's reason, or naming the construct that is not supported.
    public init(_ pattern: String) throws(KollaError) {
        do {
            regex = try PythonRegex(pattern)
        } catch {
            let suffix = if case .unsupported = error { " (see ExcludePattern)" } else { "" }
            throw KollaError(.invalidConfig, "exclude pattern '\(pattern)': \(error.reason)\(suffix)")
        }
    }

    /// `re.search(pattern, text) is not None`.
    public func matches(_ text: String) -> Bool { regex.matches(text) }

    /// The pattern as written.
    public var description: String { source }
}
