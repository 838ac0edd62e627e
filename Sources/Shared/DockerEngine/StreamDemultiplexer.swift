/// Splits the Engine's multiplexed stream (logs, exec and attach without a TTY) into stdout and
/// stderr. Each frame is an 8-byte header — stream type (0 stdin, 1 stdout, 2 stderr, 3 the
/// daemon's error), three zero bytes, a big-endian 32-bit length — then that many bytes.
/// Bytes may arrive in any split; feed them in order, then call `finish()`.
public struct StreamDemultiplexer: Sendable {
    /// Standard output collected so far (stdin frames count as stdout).
    public private(set) var stdout: [UInt8] = []
    /// Standard error collected so far.
    public private(set) var stderr: [UInt8] = []
    /// Text the daemon sent on stream 3 (an error while streaming).
    public private(set) var daemonError: [UInt8] = []
    private var header: [UInt8] = []
    private var remaining = 0
    private var current: UInt8 = 1
    private let limit: Int

    /// - Parameter limit: most payload bytes kept in all (default 64 MiB).
    public init(limit: Int = 64 << 20) {
        self.limit = limit
    }

    /// Adds the next bytes of the stream.
    /// - Throws: `EngineError.malformedReply` for an unknown stream type or past `limit`.
    public mutating func feed<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(EngineError) {
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if remaining == 0 {
                header.append(bytes[index])
                index = bytes.index(after: index)
                if header.count == 8 { try startFrame() }
                continue
            }
            let end = bytes.index(index, offsetBy: remaining, limitedBy: bytes.endIndex) ?? bytes.endIndex
            let payload = bytes[index..<end]
            guard stdout.count + stderr.count + daemonError.count + payload.count <= limit else {
                throw .malformedReply("output is larger than \(limit) bytes")
            }
            switch current {
            case 2: stderr += payload
            case 3: daemonError += payload
            default: stdout += payload
            }
            remaining -= payload.count
            index = end
        }
    }

    /// Checks that the stream ended on a frame boundary.
    /// - Throws: `EngineError.malformedReply` when it stopped inside a header or a frame.
    public func finish() throws(EngineError) {
        guard header.isEmpty, remaining == 0 else {
            throw .malformedReply("the output stream ends inside a frame")
        }
    }

    private mutating func startFrame() throws(EngineError) {
        defer { header.removeAll(keepingCapacity: true) }
        guard header[0] <= 3, header[1] == 0, header[2] == 0, header[3] == 0 else {
            throw .malformedReply("output frame header \(header.map { String($0) }.joined(separator: ",")) is not Docker's")
        }
        current = header[0]
        remaining = header[4...7].reduce(0) { $0 << 8 | Int($1) }
    }
}
