/// Reading nested replies (engine inspect data, service definitions): tolerant of a missing step,
/// `null`, or another kind where an object or array was expected.
extension JSONValue {
    /// The value at a path of object keys, or `nil` when any step is missing or not an object.
    public func at(_ keys: String...) -> JSONValue? { at(path: keys) }

    /// The value at `path` of nested object keys (`at("a", "b")` with the path as an array).
    public func at(path: [String]) -> JSONValue? {
        var current: JSONValue? = self
        for key in path { current = current?.objectValue?[key] }
        return current
    }

    /// The string elements of an array (other elements skipped); `[]` for `null`, absent or another kind.
    public var strings: [String] { arrayValue?.compactMap(\.stringValue) ?? [] }

    /// The string-valued members of an object; `[:]` for `null`, absent or another kind.
    public var stringMap: [String: String] { members(\.stringValue) }

    /// Every member of an object, a value that is not a string (`null`) reading as `fallback`; `[:]` for
    /// `null`, absent or another kind.
    public func stringMap(othersAs fallback: String) -> [String: String] { members { $0.stringValue ?? fallback } }

    private func members(_ read: (JSONValue) -> String?) -> [String: String] {
        guard let object = objectValue else { return [:] }
        var map: [String: String] = [:]
        for (key, value) in object { if let text = read(value) { map[key] = text } }
        return map
    }

    /// The keys of an object in order; `[]` for `null`, absent or another kind.
    public var keys: [String] { objectValue?.keys ?? [] }
}
