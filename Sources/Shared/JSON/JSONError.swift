/// Why a JSON text could not be read. Offsets are byte offsets from the start of the text.
public enum JSONError: Error, Equatable, CustomStringConvertible {
    case empty
    case unexpected(offset: Int, found: String, expected: String)
    case truncated(expected: String)
    case invalidUTF8(offset: Int)
    case invalidEscape(offset: Int)
    case invalidNumber(offset: Int)
    case tooDeep(limit: Int)
    case trailingData(offset: Int)

    public var description: String {
        switch self {
        case .empty: return "no JSON value (the text is empty)"
        case .unexpected(let offset, let found, let expected):
            return "unexpected \(found) at byte \(offset), expected \(expected)"
        case .truncated(let expected): return "the text ends too early, expected \(expected)"
        case .invalidUTF8(let offset): return "invalid UTF-8 at byte \(offset)"
        case .invalidEscape(let offset): return "invalid escape sequence at byte \(offset)"
        case .invalidNumber(let offset): return "invalid number at byte \(offset)"
        case .tooDeep(let limit): return "nesting deeper than \(limit) levels"
        case .trailingData(let offset): return "extra data after the JSON value at byte \(offset)"
        }
    }
}
