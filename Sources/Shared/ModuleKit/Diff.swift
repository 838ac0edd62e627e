public import JSON

/// Ansible's `diff` result entry: before/after text (or data) with headers.
public struct Diff: Sendable, Equatable {
    public var before: JSONValue
    public var after: JSONValue
    public var beforeHeader: String?
    public var afterHeader: String?

    public init(before: JSONValue, after: JSONValue, beforeHeader: String? = nil, afterHeader: String? = nil) {
        self.before = before
        self.after = after
        self.beforeHeader = beforeHeader
        self.afterHeader = afterHeader
    }

    /// A text diff of a file; `before == nil` means the file did not exist.
    public static func file(_ path: String, before: String?, after: String) -> Diff {
        Diff(
            before: .string(before ?? ""), after: .string(after),
            beforeHeader: before == nil ? "\(path) (absent)" : path, afterHeader: path)
    }

    var json: JSONValue {
        var o = JSONObject()
        o["before"] = before
        o["after"] = after
        if let beforeHeader { o["before_header"] = .string(beforeHeader) }
        if let afterHeader { o["after_header"] = .string(afterHeader) }
        return .object(o)
    }
}
