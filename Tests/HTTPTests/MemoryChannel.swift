@testable import HTTP

/// A `ByteChannel` twin: replays `pieces` as successive reads and records what is written.
final class MemoryChannel: ByteChannel {
    private var pieces: [[UInt8]]
    private(set) var written: [UInt8] = []

    init(_ bytes: [UInt8], pieceSize: Int) {
        pieces = stride(from: 0, to: bytes.count, by: max(pieceSize, 1)).map {
            Array(bytes[$0..<min($0 + max(pieceSize, 1), bytes.count)])
        }
    }

    func write(_ bytes: [UInt8]) throws(HTTPError) {
        written += bytes
    }

    func read(into buffer: inout [UInt8]) throws(HTTPError) -> Int {
        guard !pieces.isEmpty else { return 0 }
        let piece = pieces.removeFirst()
        let n = min(piece.count, buffer.count)
        buffer.replaceSubrange(0..<n, with: piece[0..<n])
        if n < piece.count { pieces.insert(Array(piece[n...]), at: 0) }
        return n
    }
}

/// Runs one exchange over a `MemoryChannel` holding `raw` (a whole response as the server sent it).
func exchange(
    _ raw: String, pieceSize: Int = 1000, method: HTTPMethod = .get, limits: HTTPLimits = HTTPLimits(),
    onChunk: ((ArraySlice<UInt8>) -> HTTPStreamControl)? = nil
) throws(HTTPError) -> HTTPResponse {
    let channel = MemoryChannel(Array(raw.utf8), pieceSize: pieceSize)
    return try HTTPExchange(channel: channel, endpoint: "memory", host: "localhost", limits: limits)
        .run(HTTPRequest(method, "/x"), onChunk: onChunk)
}

extension HTTPError {
    /// The case name, for tables that do not pin the message.
    var caseName: String {
        switch self {
        case .connect: return "connect"
        case .timedOut: return "timedOut"
        case .io: return "io"
        case .closedEarly: return "closedEarly"
        case .malformed: return "malformed"
        case .tooLarge: return "tooLarge"
        case .invalidRequest: return "invalidRequest"
        }
    }
}
