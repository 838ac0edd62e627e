/// The events PyYAML's Serializer hands to its Emitter.
enum EmitEvent {
    case streamStart, streamEnd, documentStart, documentEnd
    case alias(anchor: String)
    case scalar(
        anchor: String?, tag: String, plainImplicit: Bool, quotedImplicit: Bool, value: [Unicode.Scalar],
        style: ScalarStyle?)
    case sequenceStart(anchor: String?, tag: String, implicit: Bool)
    case sequenceEnd
    case mappingStart(anchor: String?, tag: String, implicit: Bool)
    case mappingEnd

    var anchor: String? {
        switch self {
        case .alias(let a): a
        case .scalar(let a, _, _, _, _, _), .sequenceStart(let a, _, _), .mappingStart(let a, _, _): a
        default: nil
        }
    }
}

/// A line-by-line port of PyYAML 6's pure-Python `yaml/emitter.py` for what `yaml.dump` produces: one
/// implicit document, block collections (flow only for empty ones, since `default_flow_style=False`),
/// `allow_unicode=False`, indent 2, `\n` breaks, no canonical mode, no directives. State and method names
/// follow the Python so the two can be read side by side.
struct Emitter {
    private enum State {
        case streamStart, firstDocumentStart, documentStart, documentEnd, documentRoot, nothing
        case firstFlowSequenceItem, flowSequenceItem
        case firstFlowMappingKey, flowMappingKey, flowMappingSimpleValue, flowMappingValue
        case firstBlockSequenceItem, blockSequenceItem
        case firstBlockMappingKey, blockMappingKey, blockMappingSimpleValue, blockMappingValue
    }

    private struct Analysis {
        var scalar: [Unicode.Scalar]
        var empty: Bool
        var multiline: Bool
        var allowFlowPlain: Bool
        var allowBlockPlain: Bool
        var allowSingleQuoted: Bool
        var allowDoubleQuoted: Bool
        var allowBlock: Bool
    }

    /// The document written so far (UTF-8; appending to a String through `unicodeScalars` copies it).
    private var bytes: [UInt8] = []
    var output: String { String(decoding: bytes, as: UTF8.self) }

    private var events: [EmitEvent] = []
    private var position = 0
    private var states: [State] = []
    private var state: State = .streamStart
    private var indents: [Int?] = []
    private var indent: Int?
    private var flowLevel = 0
    private var rootContext = false
    private var sequenceContext = false
    private var mappingContext = false
    private var simpleKeyContext = false
    private var line = 0
    private var column = 0
    private var whitespace = true
    private var indention = true
    private var openEnded = false
    private let bestIndent = 2
    private let bestWidth: Int
    private var preparedAnchor: String?
    private var preparedTag: String?
    private var analysis: Analysis?
    private var style: ScalarStyle?

    init(width: Int?) {
        if let width, width > 2 * 2 { bestWidth = width } else { bestWidth = 80 }
    }

    mutating func emit(_ events: [EmitEvent]) {
        self.events = events
        position = 0
        while position < events.count {
            step()
            position += 1
        }
    }

    private var event: EmitEvent { events[position] }
    private var nextEvent: EmitEvent? { position + 1 < events.count ? events[position + 1] : nil }

    private mutating func step() {
        switch state {
        case .streamStart: state = .firstDocumentStart
        case .firstDocumentStart: expectDocumentStart(first: true)
        case .documentStart: expectDocumentStart(first: false)
        case .documentEnd: expectDocumentEnd()
        case .documentRoot: expectDocumentRoot()
        case .nothing: break
        case .firstFlowSequenceItem: expectFlowSequenceItem(first: true)
        case .flowSequenceItem: expectFlowSequenceItem(first: false)
        case .firstFlowMappingKey: expectFlowMappingKey(first: true)
        case .flowMappingKey: expectFlowMappingKey(first: false)
        case .flowMappingSimpleValue: expectFlowMappingSimpleValue()
        case .flowMappingValue: expectFlowMappingValue()
        case .firstBlockSequenceItem: expectBlockSequenceItem(first: true)
        case .blockSequenceItem: expectBlockSequenceItem(first: false)
        case .firstBlockMappingKey: expectBlockMappingKey(first: true)
        case .blockMappingKey: expectBlockMappingKey(first: false)
        case .blockMappingSimpleValue: expectBlockMappingSimpleValue()
        case .blockMappingValue: expectBlockMappingValue()
        }
    }

    private mutating func popState() { state = states.popLast() ?? .nothing }

    private mutating func increaseIndent(flow: Bool = false, indentless: Bool = false) {
        indents.append(indent)
        if let current = indent {
            if !indentless { indent = current + bestIndent }
        } else {
            indent = flow ? bestIndent : 0
        }
    }

    private mutating func popIndent() { indent = indents.popLast() ?? nil }

    // MARK: Documents

    private mutating func expectDocumentStart(first: Bool) {
        switch event {
        case .documentStart:
            // `implicit` holds for the only document yaml.dump writes: no '---'.
            if !first {
                writeIndent()
                writeIndicator("---", needWhitespace: true)
            }
            state = .documentRoot
        case .streamEnd:
            if openEnded {
                writeIndicator("...", needWhitespace: true)
                writeIndent()
            }
            state = .nothing
        default:
            break
        }
    }

    private mutating func expectDocumentEnd() {
        writeIndent()
        state = .documentStart
    }

    private mutating func expectDocumentRoot() {
        states.append(.documentEnd)
        expectNode(root: true)
    }

    // MARK: Nodes

    private mutating func expectNode(root: Bool = false, sequence: Bool = false, mapping: Bool = false, simpleKey: Bool = false) {
        rootContext = root
        sequenceContext = sequence
        mappingContext = mapping
        simpleKeyContext = simpleKey
        switch event {
        case .alias:
            processAnchor("*")
            popState()
        case .scalar:
            processAnchor("&")
            processTag()
            increaseIndent(flow: true)
            processScalar()
            popIndent()
            popState()
        case .sequenceStart:
            processAnchor("&")
            processTag()
            if flowLevel > 0 || checkEmptySequence() {
                expectFlowSequence()
            } else {
                increaseIndent(flow: false, indentless: mappingContext && !indention)
                state = .firstBlockSequenceItem
            }
        case .mappingStart:
            processAnchor("&")
            processTag()
            if flowLevel > 0 || checkEmptyMapping() {
                expectFlowMapping()
            } else {
                increaseIndent(flow: false)
                state = .firstBlockMappingKey
            }
        default:
            break
        }
    }

    // MARK: Flow collections (only ever empty here, but complete)

    private mutating func expectFlowSequence() {
        writeIndicator("[", needWhitespace: true, whitespace: true)
        flowLevel += 1
        increaseIndent(flow: true)
        state = .firstFlowSequenceItem
    }

    private mutating func expectFlowSequenceItem(first: Bool) {
        if case .sequenceEnd = event {
            popIndent()
            flowLevel -= 1
            writeIndicator("]", needWhitespace: false)
            popState()
            return
        }
        if !first { writeIndicator(",", needWhitespace: false) }
        if column > bestWidth { writeIndent() }
        states.append(.flowSequenceItem)
        expectNode(sequence: true)
    }

    private mutating func expectFlowMapping() {
        writeIndicator("{", needWhitespace: true, whitespace: true)
        flowLevel += 1
        increaseIndent(flow: true)
        state = .firstFlowMappingKey
    }

    private mutating func expectFlowMappingKey(first: Bool) {
        if case .mappingEnd = event {
            popIndent()
            flowLevel -= 1
            writeIndicator("}", needWhitespace: false)
            popState()
            return
        }
        if !first { writeIndicator(",", needWhitespace: false) }
        if column > bestWidth { writeIndent() }
        if checkSimpleKey() {
            states.append(.flowMappingSimpleValue)
            expectNode(mapping: true, simpleKey: true)
        } else {
            writeIndicator("?", needWhitespace: true)
            states.append(.flowMappingValue)
            expectNode(mapping: true)
        }
    }

    private mutating func expectFlowMappingSimpleValue() {
        writeIndicator(":", needWhitespace: false)
        states.append(.flowMappingKey)
        expectNode(mapping: true)
    }

    private mutating func expectFlowMappingValue() {
        if column > bestWidth { writeIndent() }
        writeIndicator(":", needWhitespace: true)
        states.append(.flowMappingKey)
        expectNode(mapping: true)
    }

    // MARK: Block collections

    private mutating func expectBlockSequenceItem(first: Bool) {
        if !first, case .sequenceEnd = event {
            popIndent()
            popState()
            return
        }
        writeIndent()
        writeIndicator("-", needWhitespace: true, indention: true)
        states.append(.blockSequenceItem)
        expectNode(sequence: true)
    }

    private mutating func expectBlockMappingKey(first: Bool) {
        if !first, case .mappingEnd = event {
            popIndent()
            popState()
            return
        }
        writeIndent()
        if checkSimpleKey() {
            states.append(.blockMappingSimpleValue)
            expectNode(mapping: true, simpleKey: true)
        } else {
            writeIndicator("?", needWhitespace: true, indention: true)
            states.append(.blockMappingValue)
            expectNode(mapping: true)
        }
    }

    private mutating func expectBlockMappingSimpleValue() {
        writeIndicator(":", needWhitespace: false)
        states.append(.blockMappingKey)
        expectNode(mapping: true)
    }

    private mutating func expectBlockMappingValue() {
        writeIndent()
        writeIndicator(":", needWhitespace: true, indention: true)
        states.append(.blockMappingKey)
        expectNode(mapping: true)
    }

    // MARK: Checkers

    private func checkEmptySequence() -> Bool {
        guard case .sequenceStart = event, case .sequenceEnd? = nextEvent else { return false }
        return true
    }

    private func checkEmptyMapping() -> Bool {
        guard case .mappingStart = event, case .mappingEnd? = nextEvent else { return false }
        return true
    }

    private mutating func checkSimpleKey() -> Bool {
        var length = 0
        if let anchor = event.anchor {
            if preparedAnchor == nil { preparedAnchor = anchor }
            length += anchor.unicodeScalars.count
        }
        switch event {
        case .scalar(_, let tag, _, _, let value, _):
            if preparedTag == nil { preparedTag = prepareTag(tag) }
            length += preparedTag?.unicodeScalars.count ?? 0
            if analysis == nil { analysis = analyzeScalar(value) }
            let a = analysis ?? analyzeScalar(value)
            length += a.scalar.count
            return length < 128 && !a.empty && !a.multiline
        case .sequenceStart(_, let tag, _), .mappingStart(_, let tag, _):
            if preparedTag == nil { preparedTag = prepareTag(tag) }
            length += preparedTag?.unicodeScalars.count ?? 0
            return length < 128 && (checkEmptySequence() || checkEmptyMapping())
        case .alias:
            return length < 128
        default:
            return false
        }
    }

    // MARK: Anchor, tag, scalar processors

    private mutating func processAnchor(_ indicator: String) {
        guard let anchor = event.anchor else {
            preparedAnchor = nil
            return
        }
        if preparedAnchor == nil { preparedAnchor = anchor }
        if let prepared = preparedAnchor, !prepared.isEmpty {
            writeIndicator(indicator + prepared, needWhitespace: true)
        }
        preparedAnchor = nil
    }

    private mutating func processTag() {
        let tag: String
        switch event {
        case .scalar(_, let t, let plainImplicit, let quotedImplicit, _, _):
            if style == nil { style = chooseScalarStyle() }
            if (style == .plain && plainImplicit) || (style != .plain && quotedImplicit) {
                preparedTag = nil
                return
            }
            tag = t
        case .sequenceStart(_, let t, let implicit), .mappingStart(_, let t, let implicit):
            if implicit {
                preparedTag = nil
                return
            }
            tag = t
        default:
            return
        }
        if preparedTag == nil { preparedTag = prepareTag(tag) }
        if let prepared = preparedTag, !prepared.isEmpty { writeIndicator(prepared, needWhitespace: true) }
        preparedTag = nil
    }

    private mutating func chooseScalarStyle() -> ScalarStyle {
        guard case .scalar(_, _, let plainImplicit, _, let value, let requested) = event else { return .plain }
        if analysis == nil { analysis = analyzeScalar(value) }
        let a = analysis ?? analyzeScalar(value)
        if requested == .doubleQuoted { return .doubleQuoted }
        if requested == nil && plainImplicit {
            if !(simpleKeyContext && (a.empty || a.multiline))
                && ((flowLevel > 0 && a.allowFlowPlain) || (flowLevel == 0 && a.allowBlockPlain))
            {
                return .plain
            }
        }
        if requested == .literal || requested == .folded {
            if flowLevel == 0 && !simpleKeyContext && a.allowBlock, let requested { return requested }
        }
        if requested == nil || requested == .singleQuoted {
            if a.allowSingleQuoted && !(simpleKeyContext && a.multiline) { return .singleQuoted }
        }
        return .doubleQuoted
    }

    private mutating func processScalar() {
        guard case .scalar(_, _, _, _, let value, _) = event else { return }
        if analysis == nil { analysis = analyzeScalar(value) }
        if style == nil { style = chooseScalarStyle() }
        let text = analysis?.scalar ?? value
        let split = !simpleKeyContext
        switch style ?? .plain {
        case .doubleQuoted: writeDoubleQuoted(text, split: split)
        case .singleQuoted: writeSingleQuoted(text, split: split)
        case .folded: writeFolded(text)
        case .literal: writeLiteral(text)
        case .plain: writePlain(text, split: split)
        }
        analysis = nil
        style = nil
    }

    /// `prepare_tag` with the default prefixes (`!` and `tag:yaml.org,2002:` → `!!`).
    private func prepareTag(_ tag: String) -> String {
        if tag == "!" { return tag }
        var handle: String?
        var suffix = Array(tag.unicodeScalars)
        if tag.hasPrefix(Resolver.tagPrefix) && tag.unicodeScalars.count > Resolver.tagPrefix.unicodeScalars.count {
            handle = "!!"
            suffix = Array(suffix.dropFirst(Resolver.tagPrefix.unicodeScalars.count))
        } else if tag.hasPrefix("!") {
            handle = "!"
            suffix = Array(suffix.dropFirst())
        }
        var text = ""
        for ch in suffix {
            if isAlnum(ch) || "-;/?:@&=+$,_.~*'()[]".unicodeScalars.contains(ch) || (ch == "!" && handle != "!") {
                text.unicodeScalars.append(ch)
            } else {
                for byte in String(ch).utf8 { text += "%" + hex(UInt32(byte), 2).uppercased() }
            }
        }
        if let handle { return handle + text }
        return "!<" + text + ">"
    }

    private func isAlnum(_ ch: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(ch) || ("A"..."Z").contains(ch) || ("a"..."z").contains(ch)
    }

    // MARK: Analyzer

    private static func isBreak(_ ch: Unicode.Scalar) -> Bool {
        ch == "\n" || ch == "\u{85}" || ch == "\u{2028}" || ch == "\u{2029}"
    }

    private static func isWhitespaceOrEnd(_ ch: Unicode.Scalar) -> Bool {
        ch == "\0" || ch == " " || ch == "\t" || ch == "\r" || isBreak(ch)
    }

    private func analyzeScalar(_ scalar: [Unicode.Scalar]) -> Analysis {
        if scalar.isEmpty {
            return Analysis(
                scalar: scalar, empty: true, multiline: false, allowFlowPlain: false, allowBlockPlain: true,
                allowSingleQuoted: true, allowDoubleQuoted: true, allowBlock: false)
        }
        var blockIndicators = false
        var flowIndicators = false
        var lineBreaks = false
        var specialCharacters = false
        var leadingSpace = false
        var leadingBreak = false
        var trailingSpace = false
        var trailingBreak = false
        var breakSpace = false
        var spaceBreak = false

        let prefix3 = String(String.UnicodeScalarView(scalar.prefix(3)))
        if prefix3 == "---" || prefix3 == "..." {
            blockIndicators = true
            flowIndicators = true
        }
        var precededByWhitespace = true
        var followedByWhitespace = scalar.count == 1 || Self.isWhitespaceOrEnd(scalar[1])
        var previousSpace = false
        var previousBreak = false
        var index = 0
        while index < scalar.count {
            let ch = scalar[index]
            if index == 0 {
                if "#,[]{}&*!|>'\"%@`".unicodeScalars.contains(ch) {
                    flowIndicators = true
                    blockIndicators = true
                }
                if ch == "?" || ch == ":" {
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                }
                if ch == "-" && followedByWhitespace {
                    flowIndicators = true
                    blockIndicators = true
                }
            } else {
                if ",?[]{}".unicodeScalars.contains(ch) { flowIndicators = true }
                if ch == ":" {
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                }
                if ch == "#" && precededByWhitespace {
                    flowIndicators = true
                    blockIndicators = true
                }
            }
            if Self.isBreak(ch) { lineBreaks = true }
            if !(ch == "\n" || (ch.value >= 0x20 && ch.value <= 0x7E)) {
                // Non-ASCII printable characters are "special" too: allow_unicode is False.
                specialCharacters = true
            }
            if ch == " " {
                if index == 0 { leadingSpace = true }
                if index == scalar.count - 1 { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if Self.isBreak(ch) {
                if index == 0 { leadingBreak = true }
                if index == scalar.count - 1 { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            index += 1
            precededByWhitespace = Self.isWhitespaceOrEnd(ch)
            followedByWhitespace = index + 1 >= scalar.count || Self.isWhitespaceOrEnd(scalar[index + 1])
        }
        var allowFlowPlain = true
        var allowBlockPlain = true
        var allowSingleQuoted = true
        let allowDoubleQuoted = true
        var allowBlock = true
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
            allowFlowPlain = false
            allowBlockPlain = false
        }
        if trailingSpace { allowBlock = false }
        if breakSpace {
            allowFlowPlain = false
            allowBlockPlain = false
            allowSingleQuoted = false
        }
        if spaceBreak || specialCharacters {
            allowFlowPlain = false
            allowBlockPlain = false
            allowSingleQuoted = false
            allowBlock = false
        }
        if lineBreaks {
            allowFlowPlain = false
            allowBlockPlain = false
        }
        if flowIndicators { allowFlowPlain = false }
        if blockIndicators { allowBlockPlain = false }
        return Analysis(
            scalar: scalar, empty: false, multiline: lineBreaks, allowFlowPlain: allowFlowPlain,
            allowBlockPlain: allowBlockPlain, allowSingleQuoted: allowSingleQuoted,
            allowDoubleQuoted: allowDoubleQuoted, allowBlock: allowBlock)
    }

    // MARK: Writers

    private mutating func write(_ text: String) { bytes.append(contentsOf: text.utf8) }

    private mutating func write(_ scalars: ArraySlice<Unicode.Scalar>) {
        for scalar in scalars { append(scalar) }
    }

    private mutating func append(_ scalar: Unicode.Scalar) {
        if scalar.isASCII {
            bytes.append(UInt8(scalar.value))
        } else {
            UTF8.encode(scalar) { bytes.append($0) }
        }
    }

    private mutating func writeIndicator(_ indicator: String, needWhitespace: Bool, whitespace: Bool = false, indention: Bool = false) {
        let data = (self.whitespace || !needWhitespace) ? indicator : " " + indicator
        self.whitespace = whitespace
        self.indention = self.indention && indention
        column += data.unicodeScalars.count
        openEnded = false
        write(data)
    }

    private mutating func writeIndent() {
        let indent = self.indent ?? 0
        if !indention || column > indent || (column == indent && !whitespace) {
            writeLineBreak()
        }
        if column < indent {
            whitespace = true
            write(String(repeating: " ", count: indent - column))
            column = indent
        }
    }

    private mutating func writeLineBreak(_ data: Unicode.Scalar? = nil) {
        whitespace = true
        indention = true
        line += 1
        column = 0
        append(data ?? "\n")
    }

    private mutating func writeSingleQuoted(_ text: [Unicode.Scalar], split: Bool) {
        writeIndicator("'", needWhitespace: true)
        var spaces = false
        var breaks = false
        var start = 0
        var end = 0
        while end <= text.count {
            let ch: Unicode.Scalar? = end < text.count ? text[end] : nil
            if spaces {
                if ch == nil || ch != " " {
                    if start + 1 == end && column > bestWidth && split && start != 0 && end != text.count {
                        writeIndent()
                    } else {
                        column += end - start
                        write(text[start..<end])
                    }
                    start = end
                }
            } else if breaks {
                if ch == nil || !Self.isBreak(ch ?? " ") {
                    if text[start] == "\n" { writeLineBreak() }
                    for br in text[start..<end] {
                        if br == "\n" { writeLineBreak() } else { writeLineBreak(br) }
                    }
                    writeIndent()
                    start = end
                }
            } else {
                if ch == nil || ch == " " || Self.isBreak(ch ?? " ") || ch == "'" {
                    if start < end {
                        column += end - start
                        write(text[start..<end])
                        start = end
                    }
                }
            }
            if ch == "'" {
                column += 2
                write("''")
                start = end + 1
            }
            if let ch {
                spaces = ch == " "
                breaks = Self.isBreak(ch)
            }
            end += 1
        }
        writeIndicator("'", needWhitespace: false)
    }

    private static func escape(_ ch: Unicode.Scalar) -> String? {
        switch ch {
        case "\0": "0"
        case "\u{07}": "a"
        case "\u{08}": "b"
        case "\t": "t"
        case "\n": "n"
        case "\u{0B}": "v"
        case "\u{0C}": "f"
        case "\r": "r"
        case "\u{1B}": "e"
        case "\"": "\""
        case "\\": "\\"
        case "\u{85}": "N"
        case "\u{A0}": "_"
        case "\u{2028}": "L"
        case "\u{2029}": "P"
        default: nil
        }
    }

    private mutating func writeDoubleQuoted(_ text: [Unicode.Scalar], split: Bool) {
        writeIndicator("\"", needWhitespace: true)
        var start = 0
        var end = 0
        while end <= text.count {
            let ch: Unicode.Scalar? = end < text.count ? text[end] : nil
            let needsEscape: Bool
            if let ch {
                needsEscape =
                    ch == "\"" || ch == "\\" || ch == "\u{85}" || ch == "\u{2028}" || ch == "\u{2029}"
                    || ch == "\u{FEFF}" || !(ch.value >= 0x20 && ch.value <= 0x7E)
            } else {
                needsEscape = true
            }
            if needsEscape {
                if start < end {
                    column += end - start
                    write(text[start..<end])
                    start = end
                }
                if let ch {
                    let data: String
                    if let e = Self.escape(ch) {
                        data = "\\" + e
                    } else if ch.value <= 0xFF {
                        data = "\\x" + hex(ch.value, 2).uppercased()
                    } else if ch.value <= 0xFFFF {
                        data = "\\u" + hex(ch.value, 4).uppercased()
                    } else {
                        data = "\\U" + hex(ch.value, 8).uppercased()
                    }
                    column += data.unicodeScalars.count
                    write(data)
                    start = end + 1
                }
            }
            if 0 < end && end < text.count - 1 && (ch == " " || start >= end)
                && column + (end - start) > bestWidth && split
            {
                let chunk = start < end ? text[start..<end] : []
                if start < end { start = end }
                column += chunk.count + 1
                write(chunk)
                write("\\")
                writeIndent()
                whitespace = false
                indention = false
                if text[start] == " " {
                    column += 1
                    write("\\")
                }
            }
            end += 1
        }
        writeIndicator("\"", needWhitespace: false)
    }

    private func determineBlockHints(_ text: [Unicode.Scalar]) -> String {
        var hints = ""
        if let first = text.first, let last = text.last {
            if first == " " || Self.isBreak(first) { hints += String(bestIndent) }
            if !Self.isBreak(last) {
                hints += "-"
            } else if text.count == 1 || Self.isBreak(text[text.count - 2]) {
                hints += "+"
            }
        }
        return hints
    }

    private mutating func writeFolded(_ text: [Unicode.Scalar]) {
        let hints = determineBlockHints(text)
        writeIndicator(">" + hints, needWhitespace: true)
        if hints.hasSuffix("+") { openEnded = true }
        writeLineBreak()
        var leadingSpace = true
        var spaces = false
        var breaks = true
        var start = 0
        var end = 0
        while end <= text.count {
            let ch: Unicode.Scalar? = end < text.count ? text[end] : nil
            if breaks {
                if ch == nil || !Self.isBreak(ch ?? " ") {
                    if !leadingSpace && ch != nil && ch != " " && text[start] == "\n" { writeLineBreak() }
                    leadingSpace = ch == " "
                    for br in text[start..<end] {
                        if br == "\n" { writeLineBreak() } else { writeLineBreak(br) }
                    }
                    if ch != nil { writeIndent() }
                    start = end
                }
            } else if spaces {
                if ch != " " {
                    if start + 1 == end && column > bestWidth {
                        writeIndent()
                    } else {
                        column += end - start
                        write(text[start..<end])
                    }
                    start = end
                }
            } else {
                if ch == nil || ch == " " || Self.isBreak(ch ?? " ") {
                    column += end - start
                    write(text[start..<end])
                    if ch == nil { writeLineBreak() }
                    start = end
                }
            }
            if let ch {
                breaks = Self.isBreak(ch)
                spaces = ch == " "
            }
            end += 1
        }
    }

    private mutating func writeLiteral(_ text: [Unicode.Scalar]) {
        let hints = determineBlockHints(text)
        writeIndicator("|" + hints, needWhitespace: true)
        if hints.hasSuffix("+") { openEnded = true }
        writeLineBreak()
        var breaks = true
        var start = 0
        var end = 0
        while end <= text.count {
            let ch: Unicode.Scalar? = end < text.count ? text[end] : nil
            if breaks {
                if ch == nil || !Self.isBreak(ch ?? " ") {
                    for br in text[start..<end] {
                        if br == "\n" { writeLineBreak() } else { writeLineBreak(br) }
                    }
                    if ch != nil { writeIndent() }
                    start = end
                }
            } else {
                if ch == nil || Self.isBreak(ch ?? " ") {
                    write(text[start..<end])
                    if ch == nil { writeLineBreak() }
                    start = end
                }
            }
            if let ch { breaks = Self.isBreak(ch) }
            end += 1
        }
    }

    private mutating func writePlain(_ text: [Unicode.Scalar], split: Bool) {
        if rootContext { openEnded = true }
        if text.isEmpty { return }
        if !whitespace {
            column += 1
            write(" ")
        }
        whitespace = false
        indention = false
        var spaces = false
        var breaks = false
        var start = 0
        var end = 0
        while end <= text.count {
            let ch: Unicode.Scalar? = end < text.count ? text[end] : nil
            if spaces {
                if ch != " " {
                    if start + 1 == end && column > bestWidth && split {
                        writeIndent()
                        whitespace = false
                        indention = false
                    } else {
                        column += end - start
                        write(text[start..<end])
                    }
                    start = end
                }
            } else if breaks {
                if ch == nil || !Self.isBreak(ch ?? " ") {
                    if text[start] == "\n" { writeLineBreak() }
                    for br in text[start..<end] {
                        if br == "\n" { writeLineBreak() } else { writeLineBreak(br) }
                    }
                    writeIndent()
                    whitespace = false
                    indention = false
                    start = end
                }
            } else {
                if ch == nil || ch == " " || Self.isBreak(ch ?? " ") {
                    column += end - start
                    write(text[start..<end])
                    start = end
                }
            }
            if let ch {
                spaces = ch == " "
                breaks = Self.isBreak(ch)
            }
            end += 1
        }
    }
}
