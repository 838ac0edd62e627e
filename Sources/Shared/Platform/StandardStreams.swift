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

    /// Ends the process with `code` (after the result was written).
    public static func exit(_ code: Int32) -> Never { Glibc.exit(code) }

    private static func writeAll(_ fd: Int32, _ text: String) {
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
