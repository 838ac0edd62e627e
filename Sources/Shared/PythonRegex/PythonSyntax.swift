/// Rewrites a Python `re` pattern (Python 3.11, a `str` pattern) into PCRE2 syntax with the same
/// meaning, and rejects what Python rejects with Python's wording.
///
/// Parsing follows CPython's `re._parser` token by token, so the decisions Python makes while
/// parsing (is `{` a repeat or a literal, is `\12` a group or an octal escape, is `]` the end of the
/// set) come out the same. Everything is emitted in a form PCRE2 cannot read differently:
/// literals as `\x{…}`, classes item by item (so `[[:alpha:]]` stays three literals and a `]`),
/// named groups as numbered ones (PCRE2 names are ASCII-only), `\Z` as `\z`, `{,n}` as `{0,n}`,
/// `\v` as the character, `\s` with Python's extra separators `\x1c`–`\x1f`. Verbose mode is
/// applied here (PCRE2's `x` differs in details), so PCRE2 never sees it.
struct PythonSyntax {
    /// The PCRE2 pattern.
    var pcre: String {
        let flags = String(String.UnicodeScalarView(globalFlags.sorted()))
        return (flags.isEmpty ? "" : "(?" + flags + ")") + output
    }
    /// The global `(?a)` flag: ASCII classes (compile without PCRE2_UCP).
    private(set) var ascii = false

    private let chars: [Unicode.Scalar]
    private let pattern: String
    private var index = 0
    private var verbose = false
    private var template = false
    /// Inside `(?a:…)` while the pattern is compiled with Unicode classes: ASCII classes are spelled out.
    private var asciiScope = false
    private var groups = 0
    private var closed: Set<Int> = []
    private var names: [String: Int] = [:]
    private var conditionRefs: [Int] = []
    private var stack: [Open] = []
    private var last = Last.nothing
    private var first = true
    private var complements: [String] = []
    private var groupStart = 0
    /// The first repeat's kind, for the deprecated `(?t)` flag, which Python refuses to compile with any repeat.
    private var firstRepeat: String?
    private var output = ""
    private var globalFlags: Set<Unicode.Scalar> = []

    private struct Open {
        var number: Int?
        var verbose: Bool
        var asciiScope: Bool
        var start = 0
        var conditional: Bool
        var bars = 0
    }

    /// What a quantifier would apply to.
    private enum Last { case nothing, anchor, atom, repeated }

    /// The largest count PCRE2 accepts in `{m,n}` (Python allows up to 4294967294).
    private static let pcreMaxRepeat = 65535

    init(_ pattern: String) throws(PythonRegexError) {
        self.pattern = pattern
        chars = Array(pattern.unicodeScalars)
        try translate()
    }

    // MARK: The pattern

    private mutating func translate() throws(PythonRegexError) {
        while index < chars.count {
            let c = chars[index]
            if verbose && Self.whitespace.contains(c) {
                index += 1
                continue
            }
            if verbose && c == "#" {
                while index < chars.count && chars[index] != "\n" { index += 1 }
                continue
            }
            let start = index
            index += 1
            switch c {
            case "|":
                output += "|"
                last = .nothing
                if let top = stack.indices.last {
                    stack[top].bars += 1
                    if stack[top].conditional && stack[top].bars > 1 {
                        throw fail("conditional backref with more than two branches", at: start)
                    }
                } else {
                    first = false
                }
            case "(": try openGroup(at: start)
            case ")":
                guard let open = stack.popLast() else { throw fail("unbalanced parenthesis", at: start) }
                if let number = open.number { closed.insert(number) }
                verbose = open.verbose
                asciiScope = open.asciiScope
                output += ")"
                last = .atom
            case "[":
                output += try characterClass(at: start)
                last = .atom
            case "*", "+", "?": try quantifier(String(c), at: start)
            case "{":
                if let counted = try countedRepeat() {
                    try quantifier(counted, at: start)
                } else {
                    literal(c)
                }
            case "^", "$":
                output += String(c)
                last = .anchor
            case ".":
                output += "."
                last = .atom
            case "\\": try escape(at: start)
            default: literal(c)
            }
        }
        if let open = stack.last { throw fail("missing ), unterminated subpattern", at: open.start) }
        if let bad = conditionRefs.first(where: { $0 > groups }) { throw fail("invalid group reference \(bad)", at: chars.count) }
        if template, let firstRepeat { throw .malformed(pattern: pattern, reason: "internal: unsupported template operator \(firstRepeat)") }
    }

    private mutating func literal(_ c: Unicode.Scalar) {
        output += Self.quoted(c)
        last = .atom
    }

    /// `c` as PCRE2 can only read it as itself.
    static func quoted(_ c: Unicode.Scalar) -> String {
        if c.properties.isASCIIHexDigit || ("g"..."z").contains(c) || ("G"..."Z").contains(c) || c == "_" { return String(c) }
        return "\\x{" + String(c.value, radix: 16) + "}"
    }

    private mutating func quantifier(_ text: String, at start: Int) throws(PythonRegexError) {
        switch last {
        case .atom: break
        case .repeated: throw fail("multiple repeat", at: start)
        case .nothing, .anchor: throw fail("nothing to repeat", at: start)
        }
        output += text
        var kind = "MAX_REPEAT"
        if index < chars.count, chars[index] == "?" || chars[index] == "+" {
            kind = chars[index] == "?" ? "MIN_REPEAT" : "POSSESSIVE_REPEAT"
            output += String(chars[index])
            index += 1
        }
        if firstRepeat == nil { firstRepeat = kind }
        last = .repeated
    }

    /// After `{`: the repeat as PCRE2 writes it, or `nil` when Python reads the `{` as a literal.
    private mutating func countedRepeat() throws(PythonRegexError) -> String? {
        let start = index - 1
        var j = index
        if j < chars.count, chars[j] == "}" { return nil }
        func digits() -> String {
            var s = ""
            while j < chars.count, ("0"..."9").contains(chars[j]) {
                s.unicodeScalars.append(chars[j])
                j += 1
            }
            return s
        }
        let lo = digits()
        var hi = lo
        var comma = false
        if j < chars.count, chars[j] == "," {
            comma = true
            j += 1
            hi = digits()
        }
        guard j < chars.count, chars[j] == "}" else { return nil }
        index = j + 1
        guard last == .atom else { return "" }  // quantifier() reports it
        let min = Int(lo) ?? (lo.isEmpty ? 0 : Int.max)
        let max = hi.isEmpty ? nil : (Int(hi) ?? Int.max)
        if min >= 4_294_967_295 || (max ?? 0) >= 4_294_967_295 {
            throw .malformed(pattern: pattern, reason: "the repetition number is too large")
        }
        if let max, max < min { throw fail("min repeat greater than max repeat", at: start + 1 + lo.count + 1) }
        if min > Self.pcreMaxRepeat || (max ?? 0) > Self.pcreMaxRepeat {
            throw .unsupported(pattern: pattern, construct: "a repeat count over \(Self.pcreMaxRepeat)")
        }
        if !comma { return "{\(min)}" }
        return max.map { "{\(min),\($0)}" } ?? "{\(min),}"
    }

    // MARK: Groups

    private mutating func openGroup(at start: Int) throws(PythonRegexError) {
        groupStart = start
        guard index < chars.count, chars[index] == "?" else {
            groups += 1
            push(number: groups)
            output += "("
            return
        }
        index += 1
        guard index < chars.count else { throw fail("unexpected end of pattern", at: index) }
        let c = chars[index]
        index += 1
        switch c {
        case "P":
            guard index < chars.count else { throw fail("unexpected end of pattern", at: index) }
            let kind = chars[index]
            index += 1
            if kind == "<" {
                let name = try groupName(until: ">", at: index)
                guard names[name] == nil else {
                    throw fail("redefinition of group name '\(name)' as group \(groups + 1); was group \(names[name] ?? 0)", at: start + 4)
                }
                groups += 1
                names[name] = groups
                push(number: groups)
                output += "("
            } else if kind == "=" {
                let name = try groupName(until: ")", at: index)
                guard let number = names[name] else { throw fail("unknown group name '\(name)'", at: start + 4) }
                guard closed.contains(number) else { throw fail("cannot refer to an open group", at: start) }
                output += "(?:\\g{\(number)})"
                last = .atom
            } else {
                throw fail("unknown extension ?P\(kind)", at: start + 1)
            }
        case ":", "=", "!", ">":
            push(number: nil)
            output += "(?" + String(c)
        case "<":
            guard index < chars.count, chars[index] == "=" || chars[index] == "!" else {
                let next = index < chars.count ? String(chars[index]) : ""
                throw fail("unknown extension ?<\(next)", at: start + 1)
            }
            push(number: nil)
            output += "(?<" + String(chars[index])
            index += 1
        case "#":
            while index < chars.count && chars[index] != ")" { index += 1 }
            guard index < chars.count else { throw fail("missing ), unterminated comment", at: start) }
            index += 1
        case "(":
            var name = ""
            while index < chars.count && chars[index] != ")" {
                name.unicodeScalars.append(chars[index])
                index += 1
            }
            guard index < chars.count else { throw fail("missing ), unterminated name", at: start + 3) }
            index += 1
            let number: Int
            if Self.isIdentifier(name) {
                guard let known = names[name] else { throw fail("unknown group name '\(name)'", at: start + 3) }
                number = known
            } else {
                guard !name.isEmpty, name.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), let n = Int(name) else {
                    throw fail(name.isEmpty ? "missing group name" : "bad character in group name '\(name)'", at: start + 3)
                }
                guard n != 0 else { throw fail("bad group number", at: start + 3) }
                guard n < 100 else { throw fail("invalid group reference \(n)", at: start + 3) }
                number = n
                conditionRefs.append(n)
            }
            push(number: nil, conditional: true)
            output += "(?(\(number))"
        default:
            guard Self.flagLetters.contains(c) || c == "-" else { throw fail("unknown extension ?\(c)", at: start + 1) }
            try flags(startingWith: c, at: start)
        }
    }

    private mutating func push(number: Int?, conditional: Bool = false) {
        stack.append(Open(number: number, verbose: verbose, asciiScope: asciiScope, start: groupStart, conditional: conditional))
        last = .nothing
    }

    private static let flagLetters: Set<Unicode.Scalar> = ["i", "L", "m", "s", "x", "a", "t", "u"]

    /// `(?aiLmsux)` (global) or `(?aiLmsux-imsx:…)` (scoped), after `(?`.
    private mutating func flags(startingWith firstChar: Unicode.Scalar, at start: Int) throws(PythonRegexError) {
        var on: Set<Unicode.Scalar> = []
        var off: Set<Unicode.Scalar> = []
        var c = firstChar
        if c != "-" {
            while true {
                if c == "L" { throw fail("bad inline flags: cannot use 'L' flag with a str pattern", at: index - 1) }
                on.insert(c)
                if on.contains("a") && on.contains("u") { throw fail("bad inline flags: flags 'a', 'u' and 'L' are incompatible", at: index - 1) }
                guard index < chars.count else { throw fail("missing -, : or )", at: index) }
                c = chars[index]
                index += 1
                if c == ")" || c == "-" || c == ":" { break }
                guard Self.flagLetters.contains(c) else {
                    throw fail(c.properties.isAlphabetic ? "unknown flag" : "missing -, : or )", at: index - 1)
                }
            }
        }
        if c == ")" {
            guard first && stack.isEmpty && output.isEmpty else {
                throw fail("global flags not at the start of the expression", at: start)
            }
            if on.contains("a") { ascii = true }
            if on.contains("t") { template = true }
            if on.contains("x") && !verbose {
                // Python re-reads the whole pattern in verbose mode.
                var again = try PythonSyntax(verbosePattern: pattern)
                again.ascii = again.ascii || ascii
                again.template = again.template || template
                self = again
                index = chars.count
                return
            }
            globalFlags.formUnion(on.filter { "ims".unicodeScalars.contains($0) })
            return
        }
        if c == "-" {
            guard index < chars.count else { throw fail("missing flag", at: index) }
            c = chars[index]
            index += 1
            guard Self.flagLetters.contains(c) else { throw fail(c.properties.isAlphabetic ? "unknown flag" : "missing flag", at: index - 1) }
            while true {
                if c == "a" || c == "u" || c == "L" { throw fail("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", at: index - 1) }
                if c == "t" { throw fail("bad inline flags: cannot turn off global flag", at: index - 1) }
                off.insert(c)
                guard index < chars.count else { throw fail("missing :", at: index) }
                c = chars[index]
                index += 1
                if c == ":" { break }
                guard Self.flagLetters.contains(c) else { throw fail(c.properties.isAlphabetic ? "unknown flag" : "missing :", at: index - 1) }
            }
        }
        if on.contains("t") { throw fail("bad inline flags: cannot turn on global flag", at: index - 1) }
        if !on.isDisjoint(with: off) { throw fail("bad inline flags: flag turned on and off", at: index - 1) }
        push(number: nil)
        if on.contains("a") && !ascii { asciiScope = true }
        if on.contains("x") { verbose = true }
        if off.contains("x") { verbose = false }
        let pcreOn = String(String.UnicodeScalarView(on.filter { "ims".unicodeScalars.contains($0) }.sorted()))
        let pcreOff = String(String.UnicodeScalarView(off.filter { "ims".unicodeScalars.contains($0) }.sorted()))
        output += "(?" + pcreOn + (pcreOff.isEmpty ? "" : "-" + pcreOff) + ":"
    }

    private init(verbosePattern: String) throws(PythonRegexError) {
        pattern = verbosePattern
        chars = Array(verbosePattern.unicodeScalars)
        verbose = true
        try translate()
    }

    private mutating func groupName(until end: Unicode.Scalar, at nameStart: Int) throws(PythonRegexError) -> String {
        var name = ""
        while index < chars.count && chars[index] != end {
            name.unicodeScalars.append(chars[index])
            index += 1
        }
        guard index < chars.count else {
            throw fail(end == ">" ? "missing >, unterminated name" : "missing ), unterminated name", at: nameStart)
        }
        index += 1
        guard !name.isEmpty else { throw fail("missing group name", at: nameStart) }
        guard Self.isIdentifier(name) else { throw fail("bad character in group name '\(name)'", at: nameStart) }
        return name
    }

    /// `str.isidentifier()` for the names operators write (ASCII letters, digits, `_`, and
    /// non-ASCII letters; the full XID rules of Python are approximated by Unicode properties).
    static func isIdentifier(_ name: String) -> Bool {
        guard let head = name.unicodeScalars.first else { return false }
        func start(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isXIDStart }
        func rest(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isXIDContinue }
        return start(head) && name.unicodeScalars.dropFirst().allSatisfy(rest)
    }

    // MARK: Escapes

    private static let whitespace: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"]
    private static let simpleEscapes: [Unicode.Scalar: Unicode.Scalar] = [
        "a": "\u{07}", "f": "\u{0C}", "n": "\n", "r": "\r", "t": "\t", "v": "\u{0B}",
    ]

    /// Python's `\s` adds the information separators U+001C…U+001F to Unicode's white space.
    private var spaceClassItems: String { ascii ? "\\s" : asciiScope ? Self.asciiSpace : "\\s\\x{1c}-\\x{1f}" }

    private static let asciiWord = "A-Za-z0-9_"
    private static let asciiSpace = "\\t\\n\\x{b}\\f\\r\\x{20}"

    /// The set items of `\d`, `\w` or `\s` (lower-case letter) under the flags in force.
    private func classItems(_ letter: String) -> String {
        switch letter {
        case "d": return asciiScope ? "0-9" : "\\d"
        case "w": return asciiScope ? Self.asciiWord : "\\w"
        default: return spaceClassItems
        }
    }

    private mutating func escape(at start: Int) throws(PythonRegexError) {
        guard index < chars.count else { throw fail("bad escape (end of pattern)", at: start) }
        let e = chars[index]
        index += 1
        switch e {
        case "A": anchor("\\A")
        case "Z": anchor("\\z")
        case "b", "B":
            let w = Self.asciiWord
            let boundary =
                !asciiScope
                ? "\\" + String(e)
                : e == "b" ? "(?:(?<=[\(w)])(?![\(w)])|(?<![\(w)])(?=[\(w)]))" : "(?:(?<=[\(w)])(?=[\(w)])|(?<![\(w)])(?![\(w)]))"
            // Python's `\B` never matches in an empty string.
            anchor(e == "b" ? boundary : "(?:" + boundary + "(?:(?<=[\\s\\S])|(?=[\\s\\S])))")
        case "d", "D", "w", "W", "s", "S":
            let items = classItems(e.properties.lowercaseMapping)
            output += "[" + (e.properties.isUppercase ? "^" : "") + items + "]"
            last = .atom
        case "0":
            var value: UInt32 = 0
            for _ in 0..<2 {
                guard index < chars.count, ("0"..."7").contains(chars[index]) else { break }
                value = value * 8 + (chars[index].value - 48)
                index += 1
            }
            literalValue(value)
        case "1"..."9":
            if index < chars.count, ("0"..."9").contains(chars[index]) {
                if ("0"..."7").contains(e), ("0"..."7").contains(chars[index]), index + 1 < chars.count, ("0"..."7").contains(chars[index + 1]) {
                    let value = (e.value - 48) * 64 + (chars[index].value - 48) * 8 + (chars[index + 1].value - 48)
                    index += 2
                    guard value <= 0o377 else { throw fail("octal escape value \\\(String(value, radix: 8)) outside of range 0-0o377", at: start) }
                    literalValue(value)
                    return
                }
                let group = Int(e.value - 48) * 10 + Int(chars[index].value - 48)
                index += 1
                try backreference(group, at: start)
            } else {
                try backreference(Int(e.value - 48), at: start)
            }
        default:
            if let value = try codeEscape(e, at: start) {
                literalValue(value)
            } else if let simple = Self.simpleEscapes[e] {
                literal(simple)
            } else if e.isASCII && e.properties.isAlphabetic {
                throw fail("bad escape \\\(e)", at: start)
            } else {
                literal(e)
            }
        }
    }

    private mutating func anchor(_ text: String) {
        output += text
        last = .anchor
    }

    private mutating func literalValue(_ value: UInt32) {
        output += "\\x{" + String(value, radix: 16) + "}"
        last = .atom
    }

    private mutating func backreference(_ group: Int, at start: Int) throws(PythonRegexError) {
        guard group <= groups else { throw fail("invalid group reference \(group)", at: start + 1) }
        guard closed.contains(group) else { throw fail("cannot refer to an open group", at: start) }
        output += "(?:\\g{\(group)})"
        last = .atom
    }

    /// `\x hh`, `\u hhhh`, `\U hhhhhhhh` (the escape letter already read); `\N{…}` is not supported.
    private mutating func codeEscape(_ e: Unicode.Scalar, at start: Int) throws(PythonRegexError) -> UInt32? {
        let width: Int
        switch e {
        case "x": width = 2
        case "u": width = 4
        case "U": width = 8
        case "N": throw .unsupported(pattern: pattern, construct: "a named Unicode escape '\\N{…}'")
        default: return nil
        }
        var digits = ""
        while digits.unicodeScalars.count < width, index < chars.count, chars[index].properties.isASCIIHexDigit {
            digits.unicodeScalars.append(chars[index])
            index += 1
        }
        guard digits.unicodeScalars.count == width, let value = UInt32(digits, radix: 16) else {
            throw fail("incomplete escape \\\(e)\(digits)", at: start)
        }
        guard value <= 0x10FFFF, Unicode.Scalar(value) != nil || (0xD800...0xDFFF).contains(value) else {
            throw fail("bad escape \\\(e)\(digits)", at: start)
        }
        if (0xD800...0xDFFF).contains(value) {
            throw .unsupported(pattern: pattern, construct: "a surrogate code point '\\\(e)\(digits)'")
        }
        return value
    }

    // MARK: Character classes

    /// After `[`: the class as PCRE2 items (`[` … `]`).
    private mutating func characterClass(at start: Int) throws(PythonRegexError) -> String {
        var items = ""
        var empty = true
        var negate = false
        complements = []
        if index < chars.count, chars[index] == "^" {
            negate = true
            index += 1
        }
        while true {
            guard index < chars.count else { throw fail("unterminated character set", at: start) }
            let this = chars[index]
            let thisStart = index
            index += 1
            if this == "]" && !empty { break }
            let code1 = try classItem(this, at: thisStart)
            if index < chars.count, chars[index] == "-" {
                index += 1
                guard index < chars.count else { throw fail("unterminated character set", at: start) }
                let that = chars[index]
                let thatStart = index
                index += 1
                if that == "]" {
                    items += code1.text + Self.quoted("-")
                    empty = false
                    break
                }
                let code2 = try classItem(that, at: thatStart)
                guard let lo = code1.value, let hi = code2.value else {
                    throw fail("bad character range \(sourceText(thisStart..<index))", at: thisStart)
                }
                guard lo <= hi else { throw fail("bad character range \(sourceText(thisStart..<index))", at: thisStart) }
                items += "\\x{" + String(lo, radix: 16) + "}-\\x{" + String(hi, radix: 16) + "}"
            } else {
                items += code1.text
            }
            empty = false
        }
        guard !complements.isEmpty else { return "[" + (negate ? "^" : "") + items + "]" }
        // The set is (items) ∪ ¬c1 ∪ ¬c2 …; negated: ¬(items) ∩ c1 ∩ c2 ….
        if negate {
            let others = items.isEmpty ? "" : "(?![" + items + "])"
            return "(?:" + others + complements.dropLast().map { "(?=[" + $0 + "])" }.joined() + "[" + (complements.last ?? "") + "])"
        }
        let alternatives = (items.isEmpty ? [] : ["[" + items + "]"]) + complements.map { "[^" + $0 + "]" }
        return "(?:" + alternatives.joined(separator: "|") + ")"
    }

    private func sourceText(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(chars[range]))
    }

    /// One set member: its PCRE2 text and, for a single character, its code point.
    private mutating func classItem(_ this: Unicode.Scalar, at start: Int) throws(PythonRegexError) -> (text: String, value: UInt32?) {
        guard this == "\\" else { return (Self.quoted(this), this.value) }
        guard index < chars.count else { throw fail("unterminated character set", at: start) }
        let e = chars[index]
        index += 1
        func char(_ value: UInt32) -> (text: String, value: UInt32?) { ("\\x{" + String(value, radix: 16) + "}", value) }
        switch e {
        case "b": return char(8)
        case "d", "w", "s": return (classItems(String(e)), nil)
        case "D", "W", "S":
            // A complement PCRE2 cannot spell as set items: the set is rewritten around it (see characterClass).
            if ascii || (!asciiScope && e != "S") { return ("\\" + String(e), nil) }
            complements.append(classItems(e.properties.lowercaseMapping))
            return ("", nil)
        case "0"..."7":
            var value = e.value - 48
            for _ in 0..<2 {
                guard index < chars.count, ("0"..."7").contains(chars[index]) else { break }
                value = value * 8 + (chars[index].value - 48)
                index += 1
            }
            guard value <= 0o377 else { throw fail("octal escape value \\\(String(value, radix: 8)) outside of range 0-0o377", at: start) }
            return char(value)
        case "8", "9": throw fail("bad escape \\\(e)", at: start)
        default:
            if let value = try codeEscape(e, at: start) { return char(value) }
            if let simple = Self.simpleEscapes[e] { return char(simple.value) }
            if e.isASCII && e.properties.isAlphabetic { throw fail("bad escape \\\(e)", at: start) }
            return char(e.value)
        }
    }

    private func fail(_ reason: String, at position: Int) -> PythonRegexError {
        .malformed(pattern: pattern, reason: "\(reason) at position \(position)")
    }
}
