/// A strict RFC 8259 parser over UTF-8 bytes, with a nesting limit so hostile input cannot
/// exhaust the stack.
public struct JSONParser {
    /// Deepest nesting of arrays and objects accepted.
    public var maxDepth: Int

    /// - Parameter maxDepth: deepest nesting accepted (default 512).
    public init(maxDepth: Int = 512) {
        self.maxDepth = maxDepth
    }

    /// Parses one JSON value that fills the whole text (surrounding whitespace allowed).
    /// - Throws: `JSONError` naming the byte offset of the problem.
    public func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        var reader = Reader(bytes: bytes, maxDepth: maxDepth)
        reader.skipWhitespace()
        guard reader.index < bytes.count else { throw .empty }
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw .trailingData(offset: reader.index) }
        return value
    }

    /// Parses one JSON value from a string.
    public func parse(_ text: String) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

private struct Reader {
    let bytes: [UInt8]
    let maxDepth: Int
    var index = 0

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16)
    }

    mutating func value(depth: Int) throws(JSONError) -> JSONValue {
        guard index < bytes.count else { throw .truncated(expected: "a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default:
            throw .unexpected(offset: index, found: describe(bytes[index]), expected: "a value")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONError) {
        let start = index
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw .truncated(expected: "'\(word)'") }
        let ok = word.withUTF8Buffer { expected in
            for i in 0..<count where bytes[start + i] != expected[i] { return false }
            return true
        }
        guard ok else { throw .unexpected(offset: start, found: describe(bytes[start]), expected: "a value") }
        index += count
    }

    mutating func object(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= maxDepth else { throw .tooDeep(limit: maxDepth) }
        index += 1
        var result = JSONObject()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(result)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw .truncated(expected: "a key") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw .unexpected(offset: index, found: describe(bytes[index]), expected: "a string key")
            }
            let key = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':'")
            skipWhitespace()
            result[key] = try value(depth: depth)
            skipWhitespace()
            guard index < bytes.count else { throw .truncated(expected: "',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(result)
            }
            throw .unexpected(offset: index, found: describe(bytes[index]), expected: "',' or '}'")
        }
    }

    mutating func array(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= maxDepth else { throw .tooDeep(limit: maxDepth) }
        index += 1
        var result: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(result)
        }
        while true {
            skipWhitespace()
            result.append(try value(depth: depth))
            skipWhitespace()
            guard index < bytes.count else { throw .truncated(expected: "',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(result)
            }
            throw .unexpected(offset: index, found: describe(bytes[index]), expected: "',' or ']'")
        }
    }

    mutating func expect(_ byte: UInt8, _ name: String) throws(JSONError) {
        guard index < bytes.count else { throw .truncated(expected: name) }
        guard bytes[index] == byte else { throw .unexpected(offset: index, found: describe(bytes[index]), expected: name) }
        index += 1
    }

    mutating func number() throws(JSONError) -> JSONValue {
        let start = index
        var isInteger = true
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw .invalidNumber(offset: start) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw .invalidNumber(offset: start) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw .invalidNumber(offset: start) }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let int = Int(text) { return .int(int) }
        // Integers beyond 64 bits degrade to the nearest double, as most JSON readers do.
        guard let double = Double(text) else { throw .invalidNumber(offset: start) }
        return .double(double)
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    mutating func string() throws(JSONError) -> String {
        index += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var runStart = index
        while true {
            guard index < bytes.count else { throw .truncated(expected: "'\"'") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                try appendRun(runStart..<index, to: &scalars)
                index += 1
                return String(scalars)
            }
            if byte == UInt8(ascii: "\\") {
                try appendRun(runStart..<index, to: &scalars)
                scalars.append(try escape())
                runStart = index
                continue
            }
            if byte < 0x20 {
                throw .unexpected(offset: index, found: describe(byte), expected: "a string character (control characters must be escaped)")
            }
            index += 1
        }
    }

    /// Validates and appends raw UTF-8 bytes between escapes.
    func appendRun(_ range: Range<Int>, to scalars: inout String.UnicodeScalarView) throws(JSONError) {
        guard !range.isEmpty else { return }
        var decoder = UTF8()
        var iterator = bytes[range].makeIterator()
        var offset = range.lowerBound
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                offset += UTF8.width(scalar)
            case .emptyInput: return
            case .error: throw .invalidUTF8(offset: offset)
            }
        }
    }

    mutating func escape() throws(JSONError) -> Unicode.Scalar {
        let start = index
        index += 1
        guard index < bytes.count else { throw .truncated(expected: "an escape sequence") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try hex4(start)
            if (0xD800..<0xDC00).contains(high) {
                // A surrogate pair; a lone half (Python allows it) becomes U+FFFD.
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                    let save = index
                    index += 2
                    let low = try hex4(start)
                    if (0xDC00..<0xE000).contains(low) {
                        let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                        return Unicode.Scalar(UInt32(code)) ?? "\u{FFFD}"
                    }
                    index = save
                }
                return "\u{FFFD}"
            }
            return Unicode.Scalar(UInt32(high)) ?? "\u{FFFD}"
        default:
            throw .invalidEscape(offset: start)
        }
    }

    mutating func hex4(_ escapeStart: Int) throws(JSONError) -> Int {
        guard bytes.count - index >= 4 else { throw .invalidEscape(offset: escapeStart) }
        var value = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: Int
            switch byte {
            case 0x30...0x39: digit = Int(byte - 0x30)
            case 0x41...0x46: digit = Int(byte - 0x41 + 10)
            case 0x61...0x66: digit = Int(byte - 0x61 + 10)
            default: throw .invalidEscape(offset: escapeStart)
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }
}
