/// HTTP header fields in the order they were written, looked up case-insensitively.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// The fields as `(name, value)` pairs, in order; a name may repeat.
    public private(set) var fields: [(name: String, value: String)] = []

    /// No fields.
    public init() {}

    /// The given fields, in order.
    public init(_ fields: [(String, String)]) {
        for (name, value) in fields { add(name, value) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// Appends a field (an existing one with the same name stays).
    public mutating func add(_ name: String, _ value: String) {
        fields.append((name, value))
    }

    /// Replaces every field named `name` (any case) with one field, or removes them when `value` is `nil`.
    public mutating func set(_ name: String, _ value: String?) {
        let key = Self.fold(name)
        fields.removeAll { Self.fold($0.name) == key }
        if let value { fields.append((name, value)) }
    }

    /// The first value of the field `name` (any case), or `nil`.
    public subscript(name: String) -> String? {
        let key = Self.fold(name)
        return fields.first { Self.fold($0.name) == key }?.value
    }

    /// Every value of the field `name` (any case), in order.
    public func values(of name: String) -> [String] {
        let key = Self.fold(name)
        return fields.filter { Self.fold($0.name) == key }.map(\.value)
    }

    /// Whether a field named `name` (any case) is present.
    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Number of fields.
    public var count: Int { fields.count }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// ASCII lower case, as header names compare.
    static func fold(_ name: String) -> String {
        String(decoding: name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}
