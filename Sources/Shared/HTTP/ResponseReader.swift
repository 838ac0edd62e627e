/// Reads an HTTP/1.1 response from a `ByteChannel`: status line, header fields, then the body in
/// pieces as its framing says (Content-Length, chunked, or until the peer closes).
struct ResponseReader<Channel: ByteChannel> {
    let channel: Channel
    let endpoint: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var scratch = [UInt8](repeating: 0, count: 64 << 10)
    private var ended = false

    init(channel: Channel, endpoint: String) {
        self.channel = channel
        self.endpoint = endpoint
    }

    // MARK: - Bytes

    /// Makes sure an unread byte is buffered; `false` at the end of the stream.
    private mutating func fill() throws(HTTPError) -> Bool {
        if position < buffer.count { return true }
        if ended { return false }
        let n = try channel.read(into: &scratch)
        if n == 0 {
            ended = true
            return false
        }
        buffer = Array(scratch[0..<n])
        position = 0
        return true
    }

    /// Up to `limit` buffered bytes (reading more when none are buffered); `nil` at the end of the stream.
    mutating func take(upTo limit: Int) throws(HTTPError) -> ArraySlice<UInt8>? {
        guard try fill() else { return nil }
        let end = position + min(limit, buffer.count - position)
        defer { position = end }
        return buffer[position..<end]
    }

    /// One line without its CRLF (a bare LF also ends it); `nil` when it would exceed `maxLength`.
    /// - Throws: `HTTPError.closedEarly` when the stream ends first.
    mutating func line(maxLength: Int) throws(HTTPError) -> [UInt8]? {
        var line: [UInt8] = []
        while true {
            guard try fill() else { throw .closedEarly(endpoint: endpoint) }
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                line += buffer[position..<newline]
                position = newline + 1
                if line.last == 0x0D { line.removeLast() }
                return line.count > maxLength ? nil : line
            }
            line += buffer[position...]
            position = buffer.count
            if line.count > maxLength + 1 { return nil }
        }
    }

    // MARK: - Head

    /// The next response head, skipping interim 1xx responses (except 101).
    /// - Throws: `.malformed`, `.tooLarge(limit:)` past `limit` bytes, `.closedEarly`.
    mutating func head(limit: Int) throws(HTTPError) -> HTTPResponseHead {
        while true {
            let head = try oneHead(limit: limit)
            if head.status >= 200 || head.status == 101 { return head }
        }
    }

    private mutating func oneHead(limit: Int) throws(HTTPError) -> HTTPResponseHead {
        var budget = limit
        let statusLine = try boundedLine(&budget, limit: limit)
        var head = try Self.parseStatusLine(statusLine)
        while true {
            let field = try boundedLine(&budget, limit: limit)
            if field.isEmpty { return head }
            guard field[0] != 0x20, field[0] != 0x09 else { throw .malformed("folded header line") }
            guard let colon = field.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
                throw .malformed("header line without a name: \(Self.preview(field))")
            }
            let name = String(decoding: field[..<colon], as: UTF8.self)
            let value = String(decoding: Self.trimmed(field[(colon + 1)...]), as: UTF8.self)
            head.headers.add(name, value)
        }
    }

    private mutating func boundedLine(_ budget: inout Int, limit: Int) throws(HTTPError) -> [UInt8] {
        guard let line = try line(maxLength: budget) else { throw .tooLarge(limit: limit) }
        budget -= line.count + 2
        return line
    }

    static func parseStatusLine(_ line: [UInt8]) throws(HTTPError) -> HTTPResponseHead {
        let text = String(decoding: line, as: UTF8.self)
        let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].utf8.count == 3,
            let status = Int(parts[1]), status >= 100
        else { throw .malformed("status line \(Self.preview(line))") }
        return HTTPResponseHead(status: status, reason: parts.count > 2 ? String(parts[2]) : "")
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
        return slice
    }

    static func preview(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(80), as: UTF8.self).debugDescription
    }
}
