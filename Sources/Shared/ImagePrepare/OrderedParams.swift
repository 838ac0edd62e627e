public import YAML

/// Heat parameters in Python `dict` order: a new key goes last, an updated key keeps its place.
public struct OrderedParams: Sendable, Equatable {
    /// Keys in order.
    public private(set) var keys: [String] = []
    private var values: [String: YAMLValue] = [:]

    /// An empty set of parameters.
    public init() {}

    /// The value of `key`.
    public subscript(key: String) -> YAMLValue? {
        get { values[key] }
        set {
            guard let newValue else {
                if values.removeValue(forKey: key) != nil { keys.removeAll { $0 == key } }
                return
            }
            if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
        }
    }

    /// `dict.update(other)`.
    public mutating func update(_ other: OrderedParams) {
        for key in other.keys { self[key] = other.values[key] }
    }

    /// Number of parameters.
    public var count: Int { keys.count }

    /// The parameters as a YAML mapping, in order.
    public var yaml: YAMLValue { .mapping(keys.map { YAMLPair(.string($0), values[$0] ?? .null) }) }
}
