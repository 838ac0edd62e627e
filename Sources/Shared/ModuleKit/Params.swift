public import JSON
import Synchronization

/// Validated, converted module parameters (defaults applied). Accessors return `nil` only for
/// options that were neither given nor defaulted.
///
/// Parameters made by the runner know their spec: a read falls back to the spec's default, and a
/// read of a name the spec does not declare (a misspelt name) returns nothing and is recorded, so
/// the runner fails the task as an internal error instead of the module silently reading `nil`.
public struct Params: Sendable {
    /// The validated values by option name.
    public let values: JSONObject
    /// The spec the values were validated against; `nil` for hand-made parameters (names unchecked).
    public let spec: ModuleSpec?
    private let misreads: MisreadLog
    /// `auth.` for the sub-options of `auth` (names the misreads).
    private let path: String

    public init(_ values: JSONObject) {
        self.init(values, spec: nil, misreads: MisreadLog(), path: "")
    }

    /// Parameters read through `spec`: defaults come from it, undeclared names are recorded.
    public init(_ values: JSONObject, spec: ModuleSpec) {
        self.init(values, spec: spec, misreads: MisreadLog(), path: "")
    }

    private init(_ values: JSONObject, spec: ModuleSpec?, misreads: MisreadLog, path: String) {
        self.values = values
        self.spec = spec
        self.misreads = misreads
        self.path = path
    }

    /// The reads that named no option of the spec (or asked an optional one for a value it may
    /// not have), in order. The runner reports them as an internal module failure.
    public var misreadNames: [String] { misreads.entries }

    /// The option's value, or the spec's default.
    public subscript(name: String) -> JSONValue? {
        guard let spec else { return values[name] }
        guard let param = spec.param(name) else {
            misreads.record("\(path)\(name) (not in the spec)")
            return nil
        }
        return values[name] ?? param.defaultValue
    }

    /// A `str`/`path` option.
    public func string(_ name: String) -> String? { self[name]?.stringValue }

    /// A `bool` option (`false` when absent).
    public func bool(_ name: String) -> Bool { self[name]?.boolValue ?? false }

    /// An `int` option.
    public func int(_ name: String) -> Int? { self[name]?.intValue }

    /// A `list` option's elements (empty when absent).
    public func list(_ name: String) -> [JSONValue] { self[name]?.arrayValue ?? [] }

    /// A `list` of `str`/`path` option as strings.
    public func strings(_ name: String) -> [String] { list(name).compactMap(\.stringValue) }

    /// A `dict` option.
    public func dict(_ name: String) -> JSONObject? { self[name]?.objectValue }

    /// A `dict` option's entries (empty when absent).
    public func object(_ name: String) -> JSONObject { dict(name) ?? JSONObject() }

    /// A `str`/`path` option that always has a value: required, or with a default in the spec.
    public func text(_ name: String) -> String { alwaysSet(name)?.stringValue ?? "" }

    /// An `int` option that always has a value: required, or with a default in the spec.
    public func number(_ name: String) -> Int { alwaysSet(name)?.intValue ?? 0 }

    /// A `dict` option's sub-options, read through its sub-spec (empty when absent).
    public func options(_ name: String) -> Params { nested(object(name), name) }

    /// A `list` of `dict` option's elements, each read through the sub-spec.
    public func entries(_ name: String) -> [Params] { list(name).map { nested($0.objectValue ?? JSONObject(), name) } }

    private func nested(_ values: JSONObject, _ name: String) -> Params {
        Params(values, spec: spec == nil ? nil : spec?.param(name)?.options ?? ModuleSpec([]), misreads: misreads, path: path + name + ".")
    }

    private func alwaysSet(_ name: String) -> JSONValue? {
        if let param = spec?.param(name), !param.required, param.defaultValue == nil {
            misreads.record("\(path)\(name) (neither required nor defaulted: it may be absent)")
        }
        return self[name]
    }
}

/// The misreads of one `Params` (shared by its copies; reads may come from several threads).
private final class MisreadLog: Sendable {
    private let names = Mutex<[String]>([])

    func record(_ name: String) { names.withLock { $0.append(name) } }
    var entries: [String] { names.withLock { $0 } }
}
