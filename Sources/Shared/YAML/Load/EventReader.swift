internal import CYAML

/// One libyaml parser event, copied out of C memory.
struct ParseEvent {
    enum Kind {
        case streamStart, streamEnd, documentStart, documentEnd
        case alias(anchor: String)
        case scalar(value: String, tag: String?, anchor: String?, plainImplicit: Bool, quotedImplicit: Bool)
        case sequenceStart(tag: String?, anchor: String?)
        case sequenceEnd
        case mappingStart(tag: String?, anchor: String?)
        case mappingEnd
    }

    var kind: Kind
    /// 1-based.
    var line: Int
    var column: Int
}

/// Pulls events from libyaml's parser (`yaml_parser_parse`), one at a time, with a one-event lookahead like
/// PyYAML's `check_event`/`peek_event`. The only place that touches libyaml.
final class EventReader {
    private var parser = yaml_parser_t()
    private let input: UnsafeMutableBufferPointer<UInt8>
    private var peeked: ParseEvent?
    private var finished = false

    init(_ text: String) {
        let bytes = Array(text.utf8)
        input = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        yaml_parser_initialize(&parser)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, input.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(&parser)
        input.deallocate()
    }

    func peek() throws(YAMLError) -> ParseEvent {
        if let peeked { return peeked }
        let event = try parseNext()
        peeked = event
        return event
    }

    func next() throws(YAMLError) -> ParseEvent {
        let event = try peek()
        peeked = nil
        return event
    }

    private func parseNext() throws(YAMLError) -> ParseEvent {
        if finished { return ParseEvent(kind: .streamEnd, line: 0, column: 0) }
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { throw currentError() }
        defer { yaml_event_delete(&event) }
        let line = Int(event.start_mark.line) + 1
        let column = Int(event.start_mark.column) + 1
        let kind: ParseEvent.Kind
        switch event.type {
        case YAML_STREAM_START_EVENT: kind = .streamStart
        case YAML_STREAM_END_EVENT:
            kind = .streamEnd
            finished = true
        case YAML_DOCUMENT_START_EVENT: kind = .documentStart
        case YAML_DOCUMENT_END_EVENT: kind = .documentEnd
        case YAML_ALIAS_EVENT: kind = .alias(anchor: Self.string(event.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let value: String
            if let pointer = s.value {
                value = String(decoding: UnsafeBufferPointer(start: pointer, count: Int(s.length)), as: UTF8.self)
            } else {
                value = ""
            }
            kind = .scalar(
                value: value, tag: Self.string(s.tag), anchor: Self.string(s.anchor),
                plainImplicit: s.plain_implicit != 0, quotedImplicit: s.quoted_implicit != 0)
        case YAML_SEQUENCE_START_EVENT:
            kind = .sequenceStart(
                tag: Self.string(event.data.sequence_start.tag), anchor: Self.string(event.data.sequence_start.anchor))
        case YAML_SEQUENCE_END_EVENT: kind = .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            kind = .mappingStart(
                tag: Self.string(event.data.mapping_start.tag), anchor: Self.string(event.data.mapping_start.anchor))
        case YAML_MAPPING_END_EVENT: kind = .mappingEnd
        default:
            throw YAMLError(.syntax, "unexpected parser event", line: line, column: column)
        }
        return ParseEvent(kind: kind, line: line, column: column)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// libyaml's error, with its problem text and marks (1-based).
    private func currentError() -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown libyaml error"
        switch parser.error {
        case YAML_READER_ERROR:
            var text = problem
            if parser.problem_value != -1 { text += ": #x" + hex(UInt32(bitPattern: parser.problem_value), 4).uppercased() }
            let (line, column) = position(ofByte: parser.problem_offset)
            return YAMLError(.syntax, text, line: line, column: column)
        case YAML_MEMORY_ERROR:
            return YAMLError(.syntax, "libyaml ran out of memory")
        default:
            let context = parser.context.map { String(cString: $0) }
            return YAMLError(
                .syntax, problem,
                line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1,
                context: context,
                contextLine: context == nil ? 0 : Int(parser.context_mark.line) + 1,
                contextColumn: context == nil ? 0 : Int(parser.context_mark.column) + 1)
        }
    }

    /// Line and column (1-based, in characters) of a byte offset in the input.
    private func position(ofByte offset: Int) -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in input.prefix(min(offset, input.count)) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
