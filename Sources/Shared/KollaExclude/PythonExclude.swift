public import KollaConfig
import PythonRegex

extension ExcludePattern {
    /// Compiles `pattern` as a ``PythonRegex`` (Python's `re` syntax and `re.search` semantics), with
    /// Kolla's error wording.
    /// - Throws: `KollaError.invalidConfig` with Python's reason, or naming the construct that is not supported.
    public static func python(_ pattern: String) throws(KollaError) -> ExcludePattern {
        do {
            let regex = try PythonRegex(pattern)
            return ExcludePattern(source: pattern, search: { regex.matches($0) })
        } catch {
            let suffix = if case .unsupported = error { " (see ExcludePattern)" } else { "" }
            throw KollaError(.invalidConfig, "exclude pattern '\(pattern)': \(error.reason)\(suffix)")
        }
    }
}
