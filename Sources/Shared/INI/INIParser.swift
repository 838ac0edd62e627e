import PythonCompat

/// oslo.config's `iniparser.BaseParser.parse`, driving Kolla's `OverrideConfigParser`
/// callbacks: turns one source into an ``INIDocument`` in which repeated keys accumulate.
///
/// Lines end at `\n`, `\r\n` or a lone `\r` (Kolla reads sources in Python text mode, whose
/// universal newlines turn all three into `\n`). Rules (each line after `rstrip()`):
/// - empty: ends the pending assignment;
/// - starts with space or tab: continuation, `lstrip()`ed onto the pending value
///   (an error without one); other leading whitespace (`\f`, `\v`, U+3000…) is not;
/// - otherwise the pending assignment is flushed, then `[name]` opens a section (name
///   unstripped), `#`/`;` is a comment, anything else is `key = value` split at the first
///   `:` or `=`.
struct INIParser: Sendable {
    /// oslo's `lineno`: physical lines read so far by this parser, over all sources.
    private(set) var lineNumber = 0

    /// Parses one source. Lines are counted even when it fails.
    mutating func parse(_ source: String) throws(INIError) -> INIDocument {
        var document = INIDocument()
        var section: Int?
        var pending: (key: ININame, lines: [String])?

        func flush() {
            guard let assignment = pending else { return }
            pending = nil
            let index: Int
            if let section {
                index = section
            } else {
                index = document.section(named: .orphan)
                section = index
            }
            let value = assignment.lines == [""] ? [] : assignment.lines
            document.append(value, to: assignment.key, inSection: index)
        }

        for raw in PythonText.lines(source) {
            lineNumber += 1
            let line = PythonText.rstrip(raw)
            guard let first = line.first else {
                flush()
                continue
            }
            if first == " " || first == "\t" {
                guard pending != nil else {
                    throw error(INIError.Reason.unexpectedContinuation, line)
                }
                pending?.lines.append(PythonText.string(PythonText.lstrip(line)))
                continue
            }
            flush()
            switch first {
            case "[":
                guard line.last == "]" else { throw error(INIError.Reason.sectionEndBracket, line) }
                guard line.count > 2 else { throw error(INIError.Reason.emptySectionName, line) }
                let name = PythonText.string(line.dropFirst().dropLast())
                section = document.section(named: ININame(name))
            case "#", ";":
                continue
            default:
                pending = try assignment(line)
            }
        }
        flush()
        return document
    }

    /// `_split_key_value`: split at the first `:` or `=`; strip both sides; a value that
    /// starts and ends with the same quote character loses both ends.
    private func assignment(
        _ line: ArraySlice<Unicode.Scalar>
    ) throws(INIError) -> (key: ININame, lines: [String]) {
        guard let separator = line.firstIndex(where: { $0 == ":" || $0 == "=" }) else {
            throw error(INIError.Reason.invalidAssignment, line)
        }
        let key = PythonText.strip(line[line.startIndex..<separator])
        var value = PythonText.strip(line[(separator + 1)...])
        if let head = value.first, let tail = value.last, head == tail, head == "\"" || head == "'" {
            value = value.dropFirst().dropLast()
        }
        guard !key.isEmpty else { throw error(INIError.Reason.emptyKey, line) }
        return (ININame(PythonText.string(key)), [PythonText.string(value)])
    }

    private func error(_ reason: String, _ line: ArraySlice<Unicode.Scalar>) -> INIError {
        .syntax(line: lineNumber, reason: reason, text: PythonText.string(line))
    }
}
