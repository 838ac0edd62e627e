import JSON

/// Splits a streamed body into newline-separated JSON documents (Engine progress streams), however
/// the bytes are chunked. Blank lines are skipped.
struct JSONLines {
    private var partial: [UInt8] = []
    private let maxLine: Int

    /// - Parameter maxLine: longest line accepted, in bytes.
    init(maxLine: Int = 1 << 20) {
        self.maxLine = maxLine
    }

    /// Feeds bytes and returns the documents completed by them.
    /// - Throws: `EngineError.malformedReply` for a line that is not JSON or is too long.
    mutating func feed(_ bytes: ArraySlice<UInt8>) throws(EngineError) -> [JSONValue] {
        var values: [JSONValue] = []
        var rest = bytes
        while let newline = rest.firstIndex(of: 0x0A) {
            partial += rest[rest.startIndex..<newline]
            rest = rest[(newline + 1)...]
            if let value = try takeLine() { values.append(value) }
        }
        partial += rest
        guard partial.count <= maxLine else { throw .malformedReply("progress line longer than \(maxLine) bytes") }
        return values
    }

    /// The document left without a final newline, if any.
    mutating func finish() throws(EngineError) -> JSONValue? {
        try takeLine()
    }

    private mutating func takeLine() throws(EngineError) -> JSONValue? {
        defer { partial.removeAll(keepingCapacity: true) }
        guard partial.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { return nil }
        do {
            return try JSONParser().parse(partial)
        } catch {
            throw .malformedReply("progress line is not JSON (\(error))")
        }
    }
}
