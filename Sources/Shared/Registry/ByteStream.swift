/// A pull-based byte stream: the producer runs only as fast as the consumer asks (back-pressure),
/// so a layer never sits whole in memory.
public struct ByteStream: Sendable {
    private let pull: @Sendable () async throws -> [UInt8]?

    /// A stream whose next chunk is `pull()`; `nil` ends it.
    public init(_ pull: @escaping @Sendable () async throws -> [UInt8]?) { self.pull = pull }

    /// The next chunk, or `nil` at the end.
    public func next() async throws -> [UInt8]? { try await pull() }

    /// A stream over bytes in memory, in chunks of `chunk` bytes.
    public static func bytes(_ bytes: [UInt8], chunk: Int = 1 << 16) -> ByteStream {
        let cursor = Cursor(bytes, chunk: chunk)
        return ByteStream { cursor.next() }
    }

    /// Reads the whole stream, failing when it grows past `limit` bytes.
    public func collect(limit: Int) async throws -> [UInt8] {
        var out: [UInt8] = []
        while let chunk = try await next() {
            out += chunk
            if out.count > limit { throw TransportError.other("response body larger than \(limit) bytes") }
        }
        return out
    }

    /// Reads and drops the rest of the stream.
    public func drain() async {
        while (try? await next()) != nil {}
    }
}

/// The cursor behind ``ByteStream/bytes(_:chunk:)``.
private final class Cursor: @unchecked Sendable {
    private let bytes: [UInt8]
    private let chunk: Int
    private var offset = 0
    private let lock = SimpleLock()

    init(_ bytes: [UInt8], chunk: Int) {
        self.bytes = bytes
        self.chunk = max(1, chunk)
    }

    func next() -> [UInt8]? {
        lock.withLock {
            guard offset < bytes.count else { return nil }
            let end = min(bytes.count, offset + chunk)
            defer { offset = end }
            return Array(bytes[offset..<end])
        }
    }
}
