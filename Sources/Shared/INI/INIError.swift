import PythonCompat

/// A syntax error in an oslo-style INI source, as `oslo_config.iniparser.ParseError` reports it.
///
/// `line` counts physical lines over *every* source merged so far (Kolla reuses one parser
/// instance, so its counter never resets); `text` is the offending line after `rstrip()`.
public enum INIError: Error, Equatable, Sendable, CustomStringConvertible {
    case syntax(line: Int, reason: String, text: String)

    /// oslo's `ParseError.__str__`: `at line 5, Unexpected continuation line: '   cont'`
    /// (the line is quoted with Python's `repr`).
    public var description: String {
        switch self {
        case .syntax(let line, let reason, let text):
            "at line \(line), \(reason): \(PythonText.repr(text))"
        }
    }
}

extension INIError {
    /// The messages oslo's `BaseParser.error_*` hooks raise.
    enum Reason {
        static let invalidAssignment = "No ':' or '=' found in assignment"
        static let emptyKey = "Key cannot be empty"
        static let unexpectedContinuation = "Unexpected continuation line"
        static let sectionEndBracket = "Invalid section (must end with ])"
        static let emptySectionName = "Empty section name"
    }
}
