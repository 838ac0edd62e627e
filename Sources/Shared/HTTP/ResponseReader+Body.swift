extension ResponseReader {
    /// Longest chunk-size line (with extensions) accepted.
    static var maxChunkLine: Int { 4096 }

    /// Reads the body as `framing` says and hands its pieces to `sink` (chunk framing removed).
    /// Returns early when `sink` answers `.stop`.
    /// - Throws: `.closedEarly` when the stream ends inside the body, `.malformed` for bad chunk
    ///   framing, and whatever `sink` throws.
    mutating func body(
        _ framing: BodyFraming, sink: (ArraySlice<UInt8>) throws(HTTPError) -> HTTPStreamControl
    ) throws(HTTPError) {
        switch framing {
        case .none:
            return
        case .length(let length):
            _ = try exactly(length, sink: sink)
        case .untilClose:
            while let piece = try take(upTo: Int.max) {
                if try sink(piece) == .stop { return }
            }
        case .chunked:
            try chunks(sink: sink)
        }
    }

    /// Hands exactly `count` bytes to `sink`; `.stop` when `sink` stopped early.
    private mutating func exactly(
        _ count: Int, sink: (ArraySlice<UInt8>) throws(HTTPError) -> HTTPStreamControl
    ) throws(HTTPError) -> HTTPStreamControl {
        var remaining = count
        while remaining > 0 {
            guard let piece = try take(upTo: remaining) else { throw .closedEarly(endpoint: endpoint) }
            remaining -= piece.count
            if try sink(piece) == .stop { return .stop }
        }
        return .proceed
    }

    /// `chunk-size [; ext] CRLF data CRLF` … `0 CRLF [trailers] CRLF`.
    private mutating func chunks(sink: (ArraySlice<UInt8>) throws(HTTPError) -> HTTPStreamControl) throws(HTTPError) {
        while true {
            guard let sizeLine = try line(maxLength: Self.maxChunkLine) else {
                throw .malformed("chunk-size line longer than \(Self.maxChunkLine) bytes")
            }
            let size = try Self.chunkSize(sizeLine)
            if size == 0 {
                try trailers()
                return
            }
            if try exactly(size, sink: sink) == .stop { return }
            guard let end = try line(maxLength: 0), end.isEmpty else {
                throw .malformed("chunk data longer than its size \(size)")
            }
        }
    }

    /// Skips trailer fields up to the empty line; a peer that closes right after the last chunk is accepted.
    private mutating func trailers() throws(HTTPError) {
        while true {
            let field: [UInt8]?
            do {
                field = try line(maxLength: Self.maxChunkLine)
            } catch .closedEarly {
                return
            }
            guard let field else { throw .malformed("trailer field longer than \(Self.maxChunkLine) bytes") }
            if field.isEmpty { return }
        }
    }

    /// The hexadecimal size before any `;` extension.
    static func chunkSize(_ line: [UInt8]) throws(HTTPError) -> Int {
        let digits = line.prefix { $0 != UInt8(ascii: ";") }
        let text = String(decoding: digits, as: UTF8.self).trimmingSpaces
        guard !text.isEmpty, text.utf8.count <= 16, let size = Int(text, radix: 16), size >= 0 else {
            throw .malformed("chunk size \(preview(line))")
        }
        return size
    }
}
