/// A small subset of Python regular expressions, matched with `re.search` semantics (anywhere in
/// the text unless anchored). Used by Kolla's `permissions[].exclude` (KollaConfig) and TripleO's
/// ContainerImagePrepare `includes`/`excludes` (ImagePrepare).
///
/// Supported: literal characters; `.`; bracket sets `[abc]`, `[a-z0-9_]`, `[^/]`; escapes `\d \D \w \W \s \S`
/// and a backslash before any other character (a literal: `\.`, `\/`, `\*`); the greedy quantifiers `*`, `+`,
/// `?` after one atom; `^` at the start and `$` at the end; top-level alternation `a|b`.
/// Not supported (rejected with a ``PythonRegexError``, never silently misread): groups `( )`, counted repetition
/// `{m,n}`, lazy quantifiers (`*?`), backreferences, lookaround, inline flags.
public struct PythonRegex: Sendable, Equatable, CustomStringConvertible {
    /// The pattern as written.
    public let source: String
    private let branches: [[Node]]

    private enum Atom: Sendable, Equatable {
        case any
        case literal(Character)
        case set([ClassItem], negated: Bool)
        case start, end
    }

    private enum ClassItem: Sendable, Equatable {
        case char(Character)
        case range(Character, Character)
        case digit(Bool), word(Bool), space(Bool)   // payload: negated
    }

    private enum Quantifier: Sendable, Equatable { case one, zeroOrMore, oneOrMore, optional }

    private struct Node: Sendable, Equatable {
        var atom: Atom
        var quantifier: Quantifier
    }

    /// Compiles `pattern`.
    /// - Throws: ``PythonRegexError`` naming the construct that is not supported or malformed.
    public init(_ pattern: String) throws(PythonRegexError) {
        source = pattern
        var branches: [[Node]] = []
        for branch in try Self.splitAlternatives(Array(pattern), pattern) {
            branches.append(try Self.compile(branch, pattern))
        }
        self.branches = branches
    }

    /// `re.search(pattern, text) is not None`.
    public func matches(_ text: String) -> Bool {
        let chars = Array(text)
        for nodes in branches {
            if case .start = nodes.first?.atom {
                if Self.matchHere(nodes, 1, chars, 0) { return true }
                continue
            }
            for start in 0...chars.count where Self.matchHere(nodes, 0, chars, start) { return true }
        }
        return false
    }

    /// The pattern as written.
    public var description: String { source }

    // MARK: Compiling

    private static func unsupported(_ what: String, _ pattern: String) -> PythonRegexError {
        .unsupported(pattern: pattern, construct: what)
    }

    private static func splitAlternatives(_ chars: [Character], _ pattern: String) throws(PythonRegexError) -> [[Character]] {
        var result: [[Character]] = [[]]
        var index = 0
        var inSet = false
        while index < chars.count {
            let ch = chars[index]
            if ch == "\\", index + 1 < chars.count {
                result[result.count - 1].append(contentsOf: [ch, chars[index + 1]])
                index += 2
                continue
            }
            if ch == "[" && !inSet { inSet = true } else if ch == "]" && inSet { inSet = false }
            if ch == "|" && !inSet { result.append([]) } else { result[result.count - 1].append(ch) }
            index += 1
        }
        return result
    }

    private static func compile(_ chars: [Character], _ pattern: String) throws(PythonRegexError) -> [Node] {
        var nodes: [Node] = []
        var index = 0
        while index < chars.count {
            let ch = chars[index]
            index += 1
            let atom: Atom
            switch ch {
            case "(", ")": throw unsupported("a group '(…)'", pattern)
            case "{", "}": throw unsupported("counted repetition '{m,n}'", pattern)
            case "*", "+", "?": throw unsupported("a quantifier '\(ch)' with nothing before it", pattern)
            case "^":
                guard nodes.isEmpty else { throw unsupported("'^' after the start", pattern) }
                atom = .start
            case "$":
                guard index == chars.count else { throw unsupported("'$' before the end", pattern) }
                atom = .end
            case ".": atom = .any
            case "\\":
                guard index < chars.count else { throw .malformed(pattern: pattern, reason: "ends with '\\'") }
                let next = chars[index]
                index += 1
                if let item = classEscape(next) { atom = .set([item], negated: false) } else {
                    guard !next.isLetter && !next.isNumber else { throw unsupported("the escape '\\\(next)'", pattern) }
                    atom = .literal(next)
                }
            case "[":
                let (set, next) = try parseSet(chars, index, pattern)
                atom = set
                index = next
            default: atom = .literal(ch)
            }
            var quantifier = Quantifier.one
            if index < chars.count, ["*", "+", "?"].contains(chars[index]) {
                switch atom {
                case .start, .end: throw unsupported("a quantifier after an anchor", pattern)
                default: break
                }
                quantifier = chars[index] == "*" ? .zeroOrMore : chars[index] == "+" ? .oneOrMore : .optional
                index += 1
                if index < chars.count, ["*", "+", "?"].contains(chars[index]) {
                    throw unsupported("a lazy or possessive quantifier", pattern)
                }
            }
            nodes.append(Node(atom: atom, quantifier: quantifier))
        }
        return nodes
    }

    private static func classEscape(_ ch: Character) -> ClassItem? {
        switch ch {
        case "d": return .digit(false)
        case "D": return .digit(true)
        case "w": return .word(false)
        case "W": return .word(true)
        case "s": return .space(false)
        case "S": return .space(true)
        default: return nil
        }
    }

    private static func parseSet(_ chars: [Character], _ start: Int, _ pattern: String) throws(PythonRegexError) -> (Atom, Int) {
        var index = start
        var negated = false
        if index < chars.count, chars[index] == "^" {
            negated = true
            index += 1
        }
        var items: [ClassItem] = []
        var first = true
        while index < chars.count {
            var ch = chars[index]
            if ch == "]" && !first { return (.set(items, negated: negated), index + 1) }
            first = false
            index += 1
            if ch == "\\" {
                guard index < chars.count else { break }
                let next = chars[index]
                index += 1
                if let item = classEscape(next) {
                    items.append(item)
                    continue
                }
                ch = next
            }
            if index + 1 < chars.count, chars[index] == "-", chars[index + 1] != "]" {
                let upper = chars[index + 1]
                guard ch <= upper else { throw .malformed(pattern: pattern, reason: "bad range \(ch)-\(upper)") }
                items.append(.range(ch, upper))
                index += 2
            } else {
                items.append(.char(ch))
            }
        }
        throw .malformed(pattern: pattern, reason: "'[' is never closed")
    }

    // MARK: Matching (backtracking; patterns and paths are short)

    private static func matchHere(_ nodes: [Node], _ k: Int, _ text: [Character], _ i: Int) -> Bool {
        guard k < nodes.count else { return true }
        let node = nodes[k]
        if case .end = node.atom { return i == text.count }
        switch node.quantifier {
        case .one:
            return i < text.count && accepts(node.atom, text[i]) && matchHere(nodes, k + 1, text, i + 1)
        case .optional:
            if i < text.count && accepts(node.atom, text[i]) && matchHere(nodes, k + 1, text, i + 1) { return true }
            return matchHere(nodes, k + 1, text, i)
        case .zeroOrMore, .oneOrMore:
            var end = i
            while end < text.count && accepts(node.atom, text[end]) { end += 1 }
            let least = node.quantifier == .oneOrMore ? i + 1 : i
            var j = end
            while j >= least {
                if matchHere(nodes, k + 1, text, j) { return true }
                j -= 1
            }
            return false
        }
    }

    private static func accepts(_ atom: Atom, _ ch: Character) -> Bool {
        switch atom {
        case .any: return ch != "\n"
        case .literal(let c): return c == ch
        case .set(let items, let negated): return items.contains { member($0, ch) } != negated
        case .start, .end: return false
        }
    }

    private static func member(_ item: ClassItem, _ ch: Character) -> Bool {
        switch item {
        case .char(let c): return c == ch
        case .range(let lo, let hi): return lo <= ch && ch <= hi
        case .digit(let negated): return (ch.isASCII && ch.isNumber) != negated
        case .word(let negated): return (ch.isLetter || ch.isNumber || ch == "_") != negated
        case .space(let negated): return ch.isWhitespace != negated
        }
    }
}
