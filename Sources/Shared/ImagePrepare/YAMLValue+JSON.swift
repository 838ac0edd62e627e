public import JSON
public import YAML

extension YAMLValue {
    /// A JSON value (Ansible's module arguments) as the Python object `json.loads` builds.
    public init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = YAMLValue(i)
        case .double(let d): self = .float(d)
        case .string(let s): self = .string(s)
        case .array(let items): self = .sequence(items.map(YAMLValue.init(json:)))
        case .object(let object): self = .mapping(object.map { YAMLPair(.string($0.key), YAMLValue(json: $0.value)) })
        }
    }

    /// The value as JSON for a module result: mapping keys as Python's `str`, big integers that do not
    /// fit `Int` and timestamps as strings, bytes as Python's `repr`.
    public var json: JSONValue {
        switch unshared {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let digits): return Int(digits).map { .int($0) } ?? .string(digits)
        case .float(let d): return .double(d)
        case .string(let s): return .string(s)
        case .binary, .timestamp, .shared: return .string(pythonStr)
        case .sequence(let items): return .array(items.map(\.json))
        case .mapping(let pairs): return .object(JSONObject(pairs.map { ($0.key.pythonStr, $0.value.json) }))
        }
    }
}
