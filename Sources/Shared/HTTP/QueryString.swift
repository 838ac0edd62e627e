/// An ordered list of query parameters, encoded as `name=value&…` (percent-encoded, `%20` for space).
public struct QueryString: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The parameters in order; a name may repeat.
    public private(set) var items: [(name: String, value: String)] = []

    /// No parameters.
    public init() {}

    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { append(name, value) }
    }

    /// Adds `name=value`.
    public mutating func append(_ name: String, _ value: String) {
        items.append((name, value))
    }

    /// Adds `name=value` when `value` is not `nil`.
    public mutating func append(_ name: String, _ value: String?) {
        if let value { items.append((name, value)) }
    }

    /// `true` when there are no parameters.
    public var isEmpty: Bool { items.isEmpty }

    /// `a=1&b=x%20y` (no leading `?`).
    public var encoded: String {
        items.map { PercentEncoding.queryComponent($0.name) + "=" + PercentEncoding.queryComponent($0.value) }
            .joined(separator: "&")
    }

    /// `path` followed by `?` and the parameters, or `path` alone when there are none.
    public func appended(to path: String) -> String {
        isEmpty ? path : path + "?" + encoded
    }

    public static func == (lhs: QueryString, rhs: QueryString) -> Bool {
        lhs.items.elementsEqual(rhs.items) { $0.name == $1.name && $0.value == $1.value }
    }
}
