#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What `lstat`/`stat` report about a path.
public struct FileStatus: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case file, directory, symlink, other }
    public var kind: Kind
    /// Permission bits including setuid/setgid/sticky (`st_mode & 0o7777`).
    public var permissions: UInt32
    public var uid: UInt32
    public var gid: UInt32
    public var size: Int

    public init(kind: Kind, permissions: UInt32, uid: UInt32, gid: UInt32, size: Int) {
        self.kind = kind
        self.permissions = permissions
        self.uid = uid
        self.gid = gid
        self.size = size
    }

    init(_ st: stat) {
        switch st.st_mode & S_IFMT {
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        default: kind = .other
        }
        permissions = UInt32(st.st_mode & 0o7777)
        uid = st.st_uid
        gid = st.st_gid
        size = Int(st.st_size)
    }

    /// `stat` (follows symlinks) or `lstat`; `nil` when nothing is at `path`.
    public static func of(_ path: String, followLinks: Bool = true) throws(SystemError) -> FileStatus? {
        var st = stat()
        let rc = followLinks ? stat(path, &st) : lstat(path, &st)
        if rc == 0 { return FileStatus(st) }
        let code = errno
        if code == ENOENT || code == ENOTDIR { return nil }
        throw SystemError(call: followLinks ? "stat" : "lstat", subject: path, code: code)
    }
}
