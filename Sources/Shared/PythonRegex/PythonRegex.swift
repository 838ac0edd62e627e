internal import CPCRE2

/// A Python regular expression (Python 3.11 `re`, a `str` pattern), matched with `re.search`
/// semantics: anywhere in the text unless anchored. Used by Kolla's `permissions[].exclude`
/// (KollaConfig) and TripleO's ContainerImagePrepare `includes`/`excludes` (ImagePrepare).
///
/// The engine is PCRE2, linked statically (Debian `libpcre2-dev`), with the pattern rewritten from
/// Python's syntax by ``PythonSyntax``. Why PCRE2 rather than the Swift standard library's `Regex`:
/// fidelity — PCRE2 is a backtracking engine with Python's constructs (lazy and possessive
/// quantifiers, atomic groups, lookbehind, conditionals, backreferences) and matches code point by
/// code point as Python does, where `Regex` matches grapheme clusters by default and reads `$`,
/// `\Z` and Python's `(?P…)` forms its own way; and size — PCRE2's compiler and matcher (no JIT)
/// add about 0.2 MB of code, while `Regex` needs the `_StringProcessing` runtime and its Unicode
/// tables in the fully static `kolla_set_configs`. Only `overcloud-deploy` (ImagePrepare) and
/// `kolla_set_configs` (KollaConfig) link it; `overcloud-node` does not. A pattern Python rejects throws ``PythonRegexError`` with Python's
/// reason; `Tests/PythonRegexTests` checks thousands of generated patterns against Python's `re`.
///
/// Known differences (none reachable from image names or file paths): `\w` follows PCRE2's Unicode
/// letters and digits (Python's `str.isalnum` also counts a few numeric symbols); under `(?a:…)`
/// case-insensitive matching still folds non-ASCII letters; `\N{name}` and counts over 65535 in
/// `{m,n}` are rejected as unsupported; Python's lookbehind width check is PCRE2's (it accepts
/// alternatives of different fixed widths); a match that exceeds PCRE2's backtracking limit counts
/// as no match (Python would run on).
public struct PythonRegex: Sendable, Equatable, CustomStringConvertible {
    /// The pattern as written.
    public let source: String
    private let compiled: Compiled

    /// Compiles `pattern`.
    /// - Throws: ``PythonRegexError`` naming the construct that is malformed (as Python says it) or not supported.
    public init(_ pattern: String) throws(PythonRegexError) {
        source = pattern
        let syntax = try PythonSyntax(pattern)
        compiled = try Compiled(syntax.pcre, ascii: syntax.ascii, source: pattern)
    }

    /// `re.search(pattern, text) is not None`.
    public func matches(_ text: String) -> Bool { compiled.search(text) }

    /// The pattern as written.
    public var description: String { source }

    public static func == (lhs: PythonRegex, rhs: PythonRegex) -> Bool { lhs.source == rhs.source }
}

/// A compiled PCRE2 pattern: immutable after compiling, so matching from several threads is safe
/// (each match has its own match data).
private final class Compiled: @unchecked Sendable {
    private let code: OpaquePointer

    init(_ pcre: String, ascii: Bool, source: String) throws(PythonRegexError) {
        // ALT_CIRCUMFLEX: in multiline mode Python's `^` also matches after a final newline.
        var options = UInt32(PCRE2_UTF) | UInt32(PCRE2_ALT_CIRCUMFLEX)
        if !ascii { options |= UInt32(PCRE2_UCP) }
        var errorCode: Int32 = 0
        var errorOffset = 0
        let bytes = Array(pcre.utf8)
        let made = bytes.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, buffer.count, options, &errorCode, &errorOffset, nil)
        }
        guard let made else {
            var message = [UInt8](repeating: 0, count: 256)
            let length = pcre2_get_error_message_8(errorCode, &message, message.count)
            let text = length > 0 ? String(decoding: message.prefix(Int(length)), as: UTF8.self) : "error \(errorCode)"
            throw .malformed(pattern: source, reason: text)
        }
        code = made
    }

    deinit { pcre2_code_free_8(code) }

    func search(_ text: String) -> Bool {
        guard let data = pcre2_match_data_create_8(1, nil) else { return false }
        defer { pcre2_match_data_free_8(data) }
        var text = text
        let result = text.withUTF8 { buffer in
            pcre2_match_8(code, buffer.baseAddress, buffer.count, 0, 0, data, nil)
        }
        return result >= 0
    }
}
