/// A document as PyYAML's `yaml.safe_load` sees it: the Python objects it would build, as a value tree.
///
/// | case | Python | note |
/// |---|---|---|
/// | `.null` | `None` | |
/// | `.bool` | `bool` | |
/// | `.int` | `int` | canonical decimal (`"-12"`, `"0"`), any size |
/// | `.float` | `float` | |
/// | `.string` | `str` | compared by Unicode scalars, like Python |
/// | `.binary` | `bytes` | `!!binary` |
/// | `.timestamp` | `datetime.date` / `datetime.datetime` | |
/// | `.sequence` | `list` | |
/// | `.mapping` | `dict` | insertion order; keys unique under Python `==` after `load` |
/// | `.shared` | one object reached twice | see below |
///
/// **Shared objects.** Where a source uses an anchor and an alias, `safe_load` hands out the *same* Python
/// object twice and `yaml.dump` writes it once with `&id001`, then `*id001`. `load` wraps every such
/// occurrence in `.shared(id, value)`: all occurrences of one ``YAMLObjectID`` are one object and must carry
/// the same value; `dump` writes the first and aliases the rest. Only lists, dicts and timestamps are ever
/// wrapped (PyYAML never aliases `str`, `int`, `float`, `bool`, `None` or `bytes`). Code that does not care
/// about identity can look through it with ``unshared``; `==` ignores it.
public indirect enum YAMLValue: Sendable {
    case null
    case bool(Bool)
    case int(String)
    case float(Double)
    case string(String)
    case binary([UInt8])
    case timestamp(YAMLTimestamp)
    case sequence([YAMLValue])
    case mapping([YAMLPair])
    case shared(YAMLObjectID, YAMLValue)
}

/// One entry of a ``YAMLValue/mapping(_:)``.
public struct YAMLPair: Sendable, Equatable {
    public var key: YAMLValue
    public var value: YAMLValue

    public init(_ key: YAMLValue, _ value: YAMLValue) {
        self.key = key
        self.value = value
    }
}

/// The identity of one shared Python object (see ``YAMLValue/shared(_:_:)``); compared by reference.
public final class YAMLObjectID: Sendable, Hashable {
    public init() {}

    public static func == (lhs: YAMLObjectID, rhs: YAMLObjectID) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

extension YAMLValue {
    /// An `int` from a machine integer.
    public init(_ int: Int) { self = .int(String(int)) }

    /// The value with any ``shared(_:_:)`` wrapper at the top removed (children keep theirs).
    public var unshared: YAMLValue {
        var value = self
        while case .shared(_, let inner) = value { value = inner }
        return value
    }

    /// The whole tree with every ``shared(_:_:)`` wrapper removed: plain values, no identity.
    public var withoutIdentity: YAMLValue {
        switch self {
        case .shared(_, let inner): inner.withoutIdentity
        case .sequence(let items): .sequence(items.map(\.withoutIdentity))
        case .mapping(let pairs): .mapping(pairs.map { YAMLPair($0.key.withoutIdentity, $0.value.withoutIdentity) })
        default: self
        }
    }

    /// The string, if this is a `str`.
    public var stringValue: String? {
        if case .string(let s) = unshared { return s }
        return nil
    }

    /// The integer, if this is an `int` that fits in `Int`.
    public var intValue: Int? {
        if case .int(let digits) = unshared { return Int(digits) }
        return nil
    }

    /// The pairs, if this is a `dict`.
    public var mappingPairs: [YAMLPair]? {
        if case .mapping(let pairs) = unshared { return pairs }
        return nil
    }

    /// The items, if this is a `list`.
    public var sequenceItems: [YAMLValue]? {
        if case .sequence(let items) = unshared { return items }
        return nil
    }

    /// The value stored under `key` (Python `dict.get`: keys compare like Python's `==`, so `1`, `1.0` and
    /// `True` are one key).
    public subscript(key: YAMLValue) -> YAMLValue? {
        guard let pairs = mappingPairs else { return nil }
        return pairs.first { $0.key.isSameKey(as: key) }?.value
    }

    /// The value stored under the string key `key`.
    public subscript(key: String) -> YAMLValue? { self[.string(key)] }
}

extension YAMLValue: Equatable {
    /// Structural equality: identity (``shared(_:_:)``) is ignored, strings compare by Unicode scalars
    /// (as in Python, not by canonical equivalence), floats by IEEE `==` (so `nan != nan`).
    public static func == (lhs: YAMLValue, rhs: YAMLValue) -> Bool {
        switch (lhs.unshared, rhs.unshared) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.float(let a), .float(let b)): a == b
        case (.string(let a), .string(let b)): a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case (.binary(let a), .binary(let b)): a == b
        case (.timestamp(let a), .timestamp(let b)): a == b
        case (.sequence(let a), .sequence(let b)): a == b
        case (.mapping(let a), .mapping(let b)): a == b
        default: false
        }
    }
}

extension YAMLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(String(value)) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: YAMLValue...) { self = .sequence(elements) }
}

extension YAMLValue: ExpressibleByDictionaryLiteral {
    /// A mapping in literal order (a later duplicate key is kept as a separate pair; `load` never makes those).
    public init(dictionaryLiteral elements: (YAMLValue, YAMLValue)...) {
        self = .mapping(elements.map { YAMLPair($0.0, $0.1) })
    }
}
