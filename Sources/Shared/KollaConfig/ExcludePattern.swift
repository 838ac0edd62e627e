/// One `permissions[].exclude` entry: the pattern as written in `config.json` and, when it was parsed
/// with a regex engine (`ExcludeCompiler`), its `re.search` test.
///
/// The engine is injected because only applying permissions needs it: the image tool links one
/// (`KollaExclude`, Python's `re` syntax), while kolla_docker's in-namespace `--check` never applies
/// permissions and stays without it (Kolla, too, compiles the patterns only when it applies them).
public struct ExcludePattern: Sendable, Equatable, CustomStringConvertible {
    /// The pattern as written.
    public let source: String
    /// `re.search(pattern, text) is not None`; `nil` when parsed without a regex engine.
    public let search: (@Sendable (String) -> Bool)?

    /// A pattern and its test.
    public init(source: String, search: (@Sendable (String) -> Bool)?) {
        self.source = source
        self.search = search
    }

    /// Whether the pattern finds `text`; `nil` when it was not compiled.
    public func matches(_ text: String) -> Bool? { search?(text) }

    public static func == (a: ExcludePattern, b: ExcludePattern) -> Bool { a.source == b.source }

    /// The pattern as written.
    public var description: String { source }
}

/// Compiles an exclude pattern, or throws `KollaError.invalidConfig` naming it.
public typealias ExcludeCompiler = @Sendable (String) throws(KollaError) -> ExcludePattern
