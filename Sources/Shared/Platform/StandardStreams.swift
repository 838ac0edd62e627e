#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Unbuffered writes to stdout/stderr (one `write` loop, so a result is never interleaved).
public enum StandardStreams {
    /// Writes `text` to standard output.
    public static func writeOut(_ text: String) { writeAll(1, text) }

    /// Writes `text` to standard error.
    public static func writeError(_ text: String) { writeAll(2, text) }

    /// Reads standard input to its end: `read(2)` on fd 0, never a reopen of `/dev/stdin`, which
    /// fails with EACCES after `sudo -u <other user>` (the pipe belongs to the calling user).
    /// - Parameter limit: the most bytes accepted; more is `EFBIG`.
    /// - Throws: `SystemError` naming `read` and "standard input".
    public static func readIn(limit: Int) throws(SystemError) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { buf in
                Syscalls.retrying { read(0, buf.baseAddress, buf.count) }
            }
            if n < 0 { throw SystemError(call: "read", subject: "standard input", code: errno) }
            if n == 0 { return result }
            result.append(contentsOf: chunk[0..<n])
            if result.count > limit { throw SystemError(call: "read", subject: "standard input", code: EFBIG) }
        }
    }

    /// Ends the process with `code` (after the result was written).
    public static func exit(_ code: Int32) -> Never { Glibc.exit(code) }

    /// All of `text` to `fd`, retrying short writes; stops at the first error (nobody to tell).
    static func writeAll(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buf -> Int in
                guard let base = buf.baseAddress else { return 0 }
                return Syscalls.retrying { write(fd, base + offset, buf.count - offset) }
            }
            if n <= 0 { return }
            offset += n
        }
    }
}
