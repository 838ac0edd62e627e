#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Plain file operations on the local machine (the target host of a module run).
public enum Files {
    /// Reads a whole file; `nil` when it does not exist.
    /// - Throws: `SystemError` for any other failure (a directory, no permission, …).
    public static func readIfPresent(_ path: String, limit: Int = 1 << 30) throws(SystemError) -> [UInt8]? {
        // fopen, not open: the Swift wrapper for variadic open() lives in the Glibc overlay (see OverlayFree.swift).
        guard let stream = fopen(path, "re") else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            throw SystemError(call: "open", subject: path, code: code)
        }
        defer { fclose(stream) }
        let fd = fileno(stream)
        var st = stat()
        if fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFDIR {
            throw SystemError(call: "read", subject: path, code: EISDIR)
        }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { buf in
                Syscalls.retrying { read(fd, buf.baseAddress, buf.count) }
            }
            if n < 0 { throw SystemError(call: "read", subject: path, code: errno) }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<n])
            if result.count > limit { throw SystemError(call: "read", subject: path, code: EFBIG) }
        }
        return result
    }

    /// Whether the current user may read `path` (`access(R_OK)`).
    public static func isReadable(_ path: String) -> Bool {
        access(path, R_OK) == 0
    }

    /// Writes `bytes` to `path` without ever leaving a half-written file: a temporary file in
    /// the same directory is written, fsynced, given `permissions`/owner and renamed over `path`.
    /// - Parameters:
    ///   - permissions: mode bits for the file; `nil` keeps the old file's, or `0o666 & ~umask` for a new one.
    ///   - uid: owner, or `nil` to keep the old file's (a new file gets the caller's).
    ///   - gid: group, likewise.
    public static func writeAtomically(
        _ bytes: [UInt8], to path: String, permissions: UInt32? = nil, uid: UInt32? = nil, gid: UInt32? = nil
    ) throws(SystemError) {
        let (dir, base) = Paths.split(path)
        var template = Array("\(dir)/.\(base).oc-tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buf -> Int32 in
            guard let base = buf.baseAddress else { return -1 }
            return mkstemp(base)
        }
        if fd < 0 { throw SystemError(call: "mkstemp", subject: "\(dir)/.\(base).oc-tmp-XXXXXX", code: errno) }
        let tmpPath = String(cString: template.map { UInt8(bitPattern: $0) })
        var done = false
        defer {
            if !done { unlink(tmpPath) }
        }
        do {
            defer { close(fd) }
            try writeAll(fd, bytes, tmpPath)
            let old = try FileStatus.of(path)
            let mode = permissions ?? old?.permissions ?? (0o666 & ~currentUmask())
            if fchmod(fd, mode_t(mode)) != 0 { throw SystemError(call: "chmod", subject: path, code: errno) }
            let owner = uid ?? old?.uid
            let group = gid ?? old?.gid
            if owner != nil || group != nil {
                let u = owner.map { uid_t($0) } ?? uid_t.max
                let g = group.map { gid_t($0) } ?? gid_t.max
                if fchown(fd, u, g) != 0 { throw SystemError(call: "chown", subject: path, code: errno) }
            }
            if fsync(fd) != 0 { throw SystemError(call: "fsync", subject: tmpPath, code: errno) }
        }
        if rename(tmpPath, path) != 0 { throw SystemError(call: "rename", subject: path, code: errno) }
        done = true
        if let handle = opendir(dir) {
            fsync(dirfd(handle))
            closedir(handle)
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buf -> Int in
                guard let base = buf.baseAddress else { return 0 }
                return Syscalls.retrying { write(fd, base + offset, buf.count - offset) }
            }
            if n == 0 { throw SystemError(call: "write", subject: path, code: EIO) }
            if n < 0 { throw SystemError(call: "write", subject: path, code: errno) }
            offset += n
        }
    }

    /// The process umask (read without changing it for longer than the call).
    public static func currentUmask() -> UInt32 {
        let old = umask(0o022)
        umask(old)
        return UInt32(old)
    }

    /// `chmod`.
    public static func setPermissions(_ path: String, _ mode: UInt32) throws(SystemError) {
        if chmod(path, mode_t(mode)) != 0 { throw SystemError(call: "chmod", subject: path, code: errno) }
    }

    /// `chown`; `nil` leaves that id unchanged.
    public static func setOwner(_ path: String, uid: UInt32?, gid: UInt32?) throws(SystemError) {
        let u = uid.map { uid_t($0) } ?? uid_t.max
        let g = gid.map { gid_t($0) } ?? gid_t.max
        if chown(path, u, g) != 0 { throw SystemError(call: "chown", subject: path, code: errno) }
    }

    /// Copies a regular file with its mode and owner (as Ansible's `backup_local` does), atomically.
    public static func copyPreserving(_ source: String, to destination: String) throws(SystemError) {
        guard let bytes = try readIfPresent(source), let st = try FileStatus.of(source) else {
            throw SystemError(call: "open", subject: source, code: ENOENT)
        }
        try writeAtomically(bytes, to: destination, permissions: st.permissions, uid: st.uid, gid: st.gid)
    }
}
