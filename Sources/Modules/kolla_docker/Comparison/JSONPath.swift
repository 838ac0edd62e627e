import JSON

extension JSONValue {
    /// The value at a path of object keys, or `nil` when any step is missing or not an object.
    func at(_ keys: String...) -> JSONValue? {
        var current: JSONValue? = self
        for key in keys { current = current?.objectValue?[key] }
        return current
    }

    /// The strings of an array (other elements skipped); `[]` for null or anything else.
    var strings: [String] {
        (arrayValue ?? []).compactMap(\.stringValue)
    }
}
