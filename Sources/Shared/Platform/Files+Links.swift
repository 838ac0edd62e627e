#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension Files {
    /// Removes a file or symlink (`unlink`); nothing there is not an error.
    public static func remove(_ path: String) throws(SystemError) {
        if unlink(path) != 0 {
            let code = errno
            if code == ENOENT { return }
            throw SystemError(call: "unlink", subject: path, code: code)
        }
    }

    /// Creates an empty regular file that must not exist yet (`fopen(path, "wx")`, i.e. `O_CREAT|O_EXCL`),
    /// then sets `permissions` exactly (not filtered by the umask).
    /// - Throws: `SystemError` (`open`), `EEXIST` when something is already at `path`.
    public static func createEmpty(_ path: String, permissions: UInt32 = 0o644) throws(SystemError) {
        guard let stream = fopen(path, "wxe") else { throw SystemError(call: "open", subject: path, code: errno) }
        let rc = fchmod(fileno(stream), mode_t(permissions))
        let code = errno
        fclose(stream)
        if rc != 0 { throw SystemError(call: "chmod", subject: path, code: code) }
    }

    /// The target of a symbolic link (`readlink`).
    public static func readLink(_ path: String) throws(SystemError) -> String {
        var buffer = [CChar](repeating: 0, count: 4097)
        let n = readlink(path, &buffer, buffer.count - 1)
        if n < 0 { throw SystemError(call: "readlink", subject: path, code: errno) }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Creates a symbolic link at `path` pointing to `target` (`symlink`).
    public static func createSymlink(at path: String, to target: String) throws(SystemError) {
        if symlink(target, path) != 0 { throw SystemError(call: "symlink", subject: path, code: errno) }
    }
}

extension Environment {
    /// The real user id of this process (`getuid`).
    public static var userID: UInt32 { UInt32(getuid()) }

    /// The effective user id of this process (`geteuid`).
    public static var effectiveUserID: UInt32 { UInt32(geteuid()) }

    /// The real group id of this process (`getgid`).
    public static var groupID: UInt32 { UInt32(getgid()) }
}

extension SystemError {
    /// An `ENOENT` error for `call` on `subject` (for "no such file" found without a failing call).
    public static func notFound(call: String, subject: String) -> SystemError {
        SystemError(call: call, subject: subject, code: ENOENT)
    }
}
