/// PyYAML's YAML 1.1 `Resolver`: which tag a plain scalar gets implicitly. Used both when loading (plain
/// scalars without a tag) and when dumping (a `str` that would resolve to something else must be quoted).
///
/// Each pattern is a hand-written copy of the regex in `yaml/resolver.py` (PyYAML 6.0), selected by the
/// first character exactly as `Resolver.resolve` does, including Python's `$` accepting one final `\n`.
enum ImplicitTag: Equatable {
    case bool, float, int, merge, null, timestamp, value, yaml
    case str
}

enum Resolver {
    static let tagPrefix = "tag:yaml.org,2002:"

    static func resolve(_ value: String) -> ImplicitTag {
        let bytes = Array(value.utf8)
        guard let first = bytes.first else { return .null }
        let body = pythonDollarTrimmed(bytes)
        // Registration order per first character: bool, float, int, merge, null, timestamp, value, yaml.
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
            UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
            UInt8(ascii: "o"), UInt8(ascii: "O"):
            if isBool(body) { return .bool }
            if (first == UInt8(ascii: "n") || first == UInt8(ascii: "N")) && isNull(body) { return .null }
        case UInt8(ascii: "-"), UInt8(ascii: "+"):
            if isFloat(body) { return .float }
            if isInt(body) { return .int }
        case UInt8(ascii: "."):
            if isFloat(body) { return .float }
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            if isFloat(body) { return .float }
            if isInt(body) { return .int }
            if YAMLTimestamp.match(body, resolver: true) != nil { return .timestamp }
        case UInt8(ascii: "<"):
            if body == Array("<<".utf8) { return .merge }
        case UInt8(ascii: "~"):
            if body == [UInt8(ascii: "~")] { return .null }
        case UInt8(ascii: "="):
            if body == [UInt8(ascii: "=")] { return .value }
        case UInt8(ascii: "!"), UInt8(ascii: "&"), UInt8(ascii: "*"):
            if body.count == 1 { return .yaml }
        default:
            break
        }
        return .str
    }

    private static let boolWords: Set<[UInt8]> = Set(
        [
            "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
            "on", "On", "ON", "off", "Off", "OFF",
        ].map { Array($0.utf8) })
    private static let nullWords: Set<[UInt8]> = Set(["null", "Null", "NULL"].map { Array($0.utf8) })

    static func isBool(_ b: [UInt8]) -> Bool { boolWords.contains(b) }
    static func isNull(_ b: [UInt8]) -> Bool { nullWords.contains(b) }

    private static func isOneOf(_ c: UInt8, _ set: String) -> Bool { set.utf8.contains(c) }
    private static func isDigitOrUnderscore(_ c: UInt8) -> Bool { isDigit(c) || c == UInt8(ascii: "_") }

    /// `(?::[0-5]?[0-9])+` followed by whatever `rest` accepts.
    private static func sexagesimalGroups(_ s: inout ByteScanner) -> Bool {
        var groups = 0
        while s.peek == UInt8(ascii: ":") {
            let save = s.index
            s.advance()
            let start = s.index
            let n = s.eatMany(where: isDigit)
            let ok = n == 1 || (n == 2 && s.bytes[start] <= UInt8(ascii: "5"))
            if !ok {
                s.index = save
                break
            }
            groups += 1
        }
        return groups > 0
    }

    /// ```
    /// [-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(?:0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+
    /// | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
    /// ```
    static func isInt(_ b: [UInt8]) -> Bool {
        var s = ByteScanner(b)
        if let c = s.peek, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { s.advance() }
        let bodyStart = s.index
        guard let first = s.peek, isDigit(first) else { return false }
        if first == UInt8(ascii: "0") {
            s.advance()
            if s.atEnd { return true }
            if s.eat(UInt8(ascii: "b")) {
                return s.eatMany(where: { isOneOf($0, "01_") }) > 0 && s.atEnd
            }
            if s.eat(UInt8(ascii: "x")) {
                return s.eatMany(where: { isOneOf($0, "0123456789abcdefABCDEF_") }) > 0 && s.atEnd
            }
            return s.eatMany(where: { isOneOf($0, "01234567_") }) > 0 && s.atEnd
        }
        s.index = bodyStart
        s.advance()
        _ = s.eatMany(where: isDigitOrUnderscore)
        if s.atEnd { return true }
        return sexagesimalGroups(&s) && s.atEnd
    }

    /// ```
    /// [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)? | \.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    /// | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
    /// ```
    static func isFloat(_ b: [UInt8]) -> Bool {
        var s = ByteScanner(b)
        var signed = false
        if let c = s.peek, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            s.advance()
            signed = true
        }
        guard let first = s.peek else { return false }
        if first == UInt8(ascii: ".") {
            let rest = Array(b[(s.index + 1)...])
            if rest == Array("inf".utf8) || rest == Array("Inf".utf8) || rest == Array("INF".utf8) { return true }
            if !signed && (rest == Array("nan".utf8) || rest == Array("NaN".utf8) || rest == Array("NAN".utf8)) {
                return true
            }
            if signed { return false }
            s.advance()
            guard let d = s.peek, isDigit(d) else { return false }
            _ = s.eatMany(where: isDigitOrUnderscore)
            return exponentThenEnd(&s)
        }
        guard isDigit(first) else { return false }
        _ = s.eatMany(where: isDigitOrUnderscore)
        if s.eat(UInt8(ascii: ".")) {
            _ = s.eatMany(where: isDigitOrUnderscore)
            return exponentThenEnd(&s)
        }
        guard sexagesimalGroups(&s), s.eat(UInt8(ascii: ".")) else { return false }
        _ = s.eatMany(where: isDigitOrUnderscore)
        return s.atEnd
    }

    /// `(?:[eE][-+][0-9]+)?$`
    private static func exponentThenEnd(_ s: inout ByteScanner) -> Bool {
        if s.atEnd { return true }
        guard let e = s.peek, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") else { return false }
        s.advance()
        guard let sign = s.peek, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") else { return false }
        s.advance()
        return s.eatMany(where: isDigit) > 0 && s.atEnd
    }
}
