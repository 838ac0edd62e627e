import JSON

/// Reading Engine replies: object fields, string lists and maps, tolerant of `null` for empty.
extension JSONValue {
    /// The value of `key` when this is an object.
    func field(_ key: String) -> JSONValue? { objectValue?[key] }

    /// The value at `path` of nested object keys.
    func field(at path: [String]) -> JSONValue? {
        var current: JSONValue? = self
        for key in path { current = current?.field(key) }
        return current
    }

    /// The string elements of an array; `[]` for `null`, absent or another kind.
    var strings: [String] { arrayValue?.compactMap(\.stringValue) ?? [] }

    /// The string-valued members of an object; `[:]` for `null`, absent or another kind.
    var stringMap: [String: String] {
        guard let object = objectValue else { return [:] }
        var map: [String: String] = [:]
        for (key, value) in object { if let text = value.stringValue { map[key] = text } }
        return map
    }

    /// The keys of an object in order; `[]` for `null`, absent or another kind.
    var keys: [String] { objectValue?.keys ?? [] }
}
