public import JSON

/// Validated, converted module parameters (defaults applied). Accessors return `nil` only for
/// options that were neither given nor defaulted.
public struct Params: Sendable {
    /// The validated values by option name.
    public let values: JSONObject

    public init(_ values: JSONObject) {
        self.values = values
    }

    public subscript(name: String) -> JSONValue? { values[name] }

    /// A `str`/`path` option.
    public func string(_ name: String) -> String? { values[name]?.stringValue }

    /// A `bool` option (`false` when absent).
    public func bool(_ name: String) -> Bool { values[name]?.boolValue ?? false }

    /// An `int` option.
    public func int(_ name: String) -> Int? { values[name]?.intValue }

    /// A `list` option's elements (empty when absent).
    public func list(_ name: String) -> [JSONValue] { values[name]?.arrayValue ?? [] }

    /// A `list` of `str`/`path` option as strings.
    public func strings(_ name: String) -> [String] { list(name).compactMap(\.stringValue) }

    /// A `dict` option.
    public func dict(_ name: String) -> JSONObject? { values[name]?.objectValue }
}
