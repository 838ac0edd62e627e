/// Kolla-Ansible's `merge_configs`: parses oslo-style INI sources in order and merges them.
///
/// Within one source a repeated key is multi-valued; a key in a later source replaces all
/// earlier values of that key but keeps its position. Sections and keys appear in the
/// order first seen; keys before any section header are written headerless where their
/// hidden section was first created (so orphans of a later source follow earlier sections).
///
/// ```swift
/// var merge = INIMerge()
/// try merge.merge(roleTemplate)
/// try merge.merge(globalOverride)
/// let text = merge.rendered()          // "" when nothing was merged
/// ```
public struct INIMerge: Sendable {
    private var document = INIDocument()
    private var parser = INIParser()

    public init() {}

    /// Physical lines read so far over all sources (oslo's `lineno`); after a failed source,
    /// the line of the error.
    public var linesRead: Int { parser.lineNumber }

    /// Parses `source` and merges it over what was merged before.
    ///
    /// Line numbers in errors continue from the previous sources (Kolla parses every source
    /// with one parser). A source that fails leaves the merged result unchanged.
    public mutating func merge(_ source: String) throws(INIError) {
        let parsed = try parser.parse(source)
        document.merge(parsed)
    }

    /// The merged configuration as Kolla writes it; `whitespace: false` gives `key=value`.
    public func rendered(whitespace: Bool = true) -> String {
        INIWriter(whitespace: whitespace).render(document)
    }
}
