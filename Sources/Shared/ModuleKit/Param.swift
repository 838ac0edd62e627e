public import JSON

/// One option of a module's argument spec (Ansible `argument_spec` entry).
public struct Param: Sendable {
    public var name: String
    public var type: ParamType
    /// Element type for `list` options.
    public var elements: ParamType?
    public var required: Bool
    public var defaultValue: JSONValue?
    public var choices: [JSONValue]?
    public var aliases: [String]
    public var noLog: Bool
    /// Sub-options for `dict` options, or for `list` options whose elements are dicts.
    public var options: ModuleSpec?

    public init(
        _ name: String, _ type: ParamType, elements: ParamType? = nil, required: Bool = false,
        default defaultValue: JSONValue? = nil, choices: [JSONValue]? = nil, aliases: [String] = [],
        noLog: Bool = false, options: ModuleSpec? = nil
    ) {
        self.name = name
        self.type = type
        self.elements = elements
        self.required = required
        self.defaultValue = defaultValue
        self.choices = choices
        self.aliases = aliases
        self.noLog = noLog
        self.options = options
    }
}

extension Param {
    /// A `str` option.
    public static func str(
        _ name: String, required: Bool = false, default value: String? = nil, choices: [String]? = nil,
        aliases: [String] = [], noLog: Bool = false
    ) -> Param {
        Param(
            name, .str, required: required, default: value.map { .string($0) },
            choices: choices.map { $0.map { .string($0) } }, aliases: aliases, noLog: noLog)
    }

    /// A `bool` option.
    public static func bool(_ name: String, required: Bool = false, default value: Bool? = nil, aliases: [String] = []) -> Param {
        Param(name, .bool, required: required, default: value.map { .bool($0) }, aliases: aliases)
    }

    /// An `int` option.
    public static func int(
        _ name: String, required: Bool = false, default value: Int? = nil, choices: [Int]? = nil, aliases: [String] = []
    ) -> Param {
        Param(
            name, .int, required: required, default: value.map { .int($0) },
            choices: choices.map { $0.map { .int($0) } }, aliases: aliases)
    }

    /// A `float` option.
    public static func float(_ name: String, required: Bool = false, default value: Double? = nil, aliases: [String] = []) -> Param {
        Param(name, .float, required: required, default: value.map { .double($0) }, aliases: aliases)
    }

    /// A `path` option (`~` and `$VAR` expanded).
    public static func path(_ name: String, required: Bool = false, default value: String? = nil, aliases: [String] = []) -> Param {
        Param(name, .path, required: required, default: value.map { .string($0) }, aliases: aliases)
    }

    /// A `raw` option: any JSON value, unconverted.
    public static func raw(
        _ name: String, required: Bool = false, default value: JSONValue? = nil, aliases: [String] = [], noLog: Bool = false
    ) -> Param {
        Param(name, .raw, required: required, default: value, aliases: aliases, noLog: noLog)
    }

    /// A `list` option with typed elements.
    public static func list(
        _ name: String, of elements: ParamType? = nil, required: Bool = false, default value: [JSONValue]? = nil,
        choices: [String]? = nil, aliases: [String] = [], noLog: Bool = false, options: ModuleSpec? = nil
    ) -> Param {
        Param(
            name, .list, elements: elements, required: required, default: value.map { .array($0) },
            choices: choices.map { $0.map { .string($0) } }, aliases: aliases, noLog: noLog, options: options)
    }

    /// A `dict` option, optionally with validated sub-options.
    public static func dict(
        _ name: String, required: Bool = false, default value: JSONObject? = nil, aliases: [String] = [],
        noLog: Bool = false, options: ModuleSpec? = nil
    ) -> Param {
        Param(name, .dict, required: required, default: value.map { .object($0) }, aliases: aliases, noLog: noLog, options: options)
    }
}
