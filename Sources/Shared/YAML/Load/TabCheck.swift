internal import CYAML

/// PyYAML's pure-Python scanner never skips a tab between tokens (`scan_to_next_token` and
/// `scan_plain_spaces` skip spaces only), so a tab is accepted only inside a quoted scalar, in the body of
/// a block scalar, or in a comment; anywhere else `safe_load` fails with "found character '\t' that cannot
/// start any token". libyaml accepts tabs as separators in more places, so documents with tabs get this
/// extra check: libyaml's token stream tells where the quoted and block scalars are.
enum TabCheck {
    static func validate(_ text: String) throws(YAMLError) {
        let bytes = Array(text.utf8)
        guard bytes.contains(0x09) else { return }
        // libyaml's marks count characters, not bytes.
        let scalars = Array(text.unicodeScalars).map { $0.value }
        let allowed = scalarRanges(bytes, scalars)
        var line = 1
        var column = 1
        var lineHasComment = false
        var previous: UInt32 = 0x0A
        var rangeIndex = 0
        for (offset, byte) in scalars.enumerated() {
            while rangeIndex < allowed.count && allowed[rangeIndex].upperBound <= offset { rangeIndex += 1 }
            let insideScalar = rangeIndex < allowed.count && allowed[rangeIndex].contains(offset)
            if byte == 0x0A {
                line += 1
                column = 1
                lineHasComment = false
                previous = byte
                continue
            }
            if !insideScalar {
                if byte == 0x23 && (previous == 0x20 || previous == 0x0A || previous == 0x09) {
                    lineHasComment = true
                }
                if byte == 0x09 && !lineHasComment {
                    throw YAMLError(
                        .syntax, "found character '\\t' that cannot start any token", line: line, column: column,
                        context: "while scanning for the next token")
                }
            }
            previous = byte
            column += 1
        }
    }

    /// Byte ranges, in order, that hold the text of quoted scalars and the bodies of block scalars (plain
    /// scalars are not included: a tab ends a plain scalar in PyYAML). Empty if libyaml's scanner fails (the
    /// parser will have reported that already).
    private static func scalarRanges(_ bytes: [UInt8], _ scalars: [UInt32]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return [] }
        defer { yaml_parser_delete(&parser) }
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            while true {
                var token = yaml_token_t()
                guard yaml_parser_scan(&parser, &token) == 1 else { return }
                defer { yaml_token_delete(&token) }
                if token.type == YAML_STREAM_END_TOKEN { return }
                guard token.type == YAML_SCALAR_TOKEN else { continue }
                let start = Int(token.start_mark.index)
                let end = Int(token.end_mark.index)
                switch token.data.scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE:
                    if start + 1 < end { ranges.append((start + 1)..<(end - 1)) }
                case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE:
                    // The body starts after the header line (`|2-  # comment`).
                    var bodyStart = start
                    while bodyStart < end && bodyStart < scalars.count && scalars[bodyStart] != 0x0A { bodyStart += 1 }
                    if bodyStart < end { ranges.append(bodyStart..<end) }
                default:
                    break
                }
            }
        }
        return ranges
    }
}
