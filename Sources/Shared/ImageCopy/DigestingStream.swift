import Digest
import Registry
import Synchronization

/// Passes a blob's bytes through while computing their SHA-256 and counting them; at the end of the
/// stream it checks both against the expected digest and size, and fails the stream (so the upload
/// is never completed) when they differ.
final class DigestingStream: Sendable {
    private struct State {
        var sha = SHA256()
        var count: Int64 = 0
        var mismatch: String?
    }

    private let state = Mutex(State())
    private let source: ByteStream
    private let digest: String
    private let size: Int64?

    /// Wraps `source`, expecting `digest` and (when known) `size`.
    init(_ source: ByteStream, digest: String, size: Int64?) {
        self.source = source
        self.digest = digest
        self.size = size
    }

    /// Why the content did not match, once the stream has ended.
    var mismatch: String? { state.withLock { $0.mismatch } }

    /// Bytes passed through so far.
    var count: Int64 { state.withLock { $0.count } }

    /// The checked stream.
    var stream: ByteStream {
        ByteStream { [self] in
            if let chunk = try await source.next() {
                state.withLock { s in
                    chunk.withUnsafeBytes { s.sha.update(raw: $0) }
                    s.count += Int64(chunk.count)
                }
                return chunk
            }
            let problem: String? = state.withLock { s in
                let got = s.sha.finalizeDigest()
                if digest.hasPrefix("sha256:"), got != digest {
                    s.mismatch = "content digest \(got), expected \(digest)"
                } else if let size, size > 0, s.count != size {
                    s.mismatch = "\(s.count) bytes, expected \(size)"
                }
                return s.mismatch
            }
            if let problem { throw RegistryError.digestMismatch(problem) }
            return nil
        }
    }
}
