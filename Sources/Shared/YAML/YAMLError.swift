/// Why a document could not be loaded. Positions are 1-based (as PyYAML prints them); 0 when unknown.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// libyaml rejected the text (reader, scanner or parser); `problem` is libyaml's wording.
        case syntax
        /// PyYAML's ComposerError: several documents, undefined alias, duplicate anchor.
        case composer
        /// PyYAML's ConstructorError (or the Python error its constructors raise): bad `!!int`, unknown tag,
        /// unhashable key, invalid merge.
        case constructor
        /// A guard PyYAML does not have: nesting deeper than ``YAML/Limits/maxDepth`` or an alias expansion
        /// beyond ``YAML/Limits/maxNodes``; or a structure we do not model (recursive aliases, `!!set`).
        case limit
    }

    public var kind: Kind
    public var problem: String
    public var line: Int
    public var column: Int
    /// What was being parsed when it failed (`while parsing a block mapping`), and where that started.
    public var context: String?
    public var contextLine: Int
    public var contextColumn: Int

    public init(
        _ kind: Kind, _ problem: String, line: Int = 0, column: Int = 0,
        context: String? = nil, contextLine: Int = 0, contextColumn: Int = 0
    ) {
        self.kind = kind
        self.problem = problem
        self.line = line
        self.column = column
        self.context = context
        self.contextLine = contextLine
        self.contextColumn = contextColumn
    }

    /// `while parsing a block mapping (line 1, column 1): did not find expected key (line 3, column 1)`.
    public var description: String {
        var text = ""
        if let context {
            text += context
            if contextLine > 0 { text += " (line \(contextLine), column \(contextColumn))" }
            text += ": "
        }
        text += problem
        if line > 0 { text += " (line \(line), column \(column))" }
        return text
    }
}
