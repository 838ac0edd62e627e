#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Directory operations: list, create, remove (also whole trees) and temporary directories.
///
/// Only plain C imports are used (`opendir`/`readdir`, `mkdir`, `rmdir`, `unlink`, `mkdtemp`), never the
/// Swift Glibc overlay's wrappers (see `OverlayFree.swift`).
public enum Directories {
    /// The names in a directory, without `.` and `..`, in the order `readdir` returns them.
    /// - Throws: `SystemError` (`opendir`) when `path` is missing or not a readable directory.
    public static func entries(of path: String) throws(SystemError) -> [String] {
        guard let handle = opendir(path) else { throw SystemError(call: "opendir", subject: path, code: errno) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// `mkdir` of one directory; the mode is filtered by the umask as usual.
    /// - Throws: `SystemError` (`mkdir`), including `EEXIST` when something is already there.
    public static func create(_ path: String, permissions: UInt32 = 0o777) throws(SystemError) {
        if mkdir(path, mode_t(permissions)) != 0 { throw SystemError(call: "mkdir", subject: path, code: errno) }
    }

    /// Creates `path` and any missing parents (Python's `os.makedirs(path, exist_ok=True)`).
    /// - Throws: `SystemError` when a component exists but is not a directory, or `mkdir` fails.
    public static func createAll(_ path: String, permissions: UInt32 = 0o777) throws(SystemError) {
        if let status = try FileStatus.of(path) {
            if status.kind == .directory { return }
            throw SystemError(call: "mkdir", subject: path, code: EEXIST)
        }
        let parent = Paths.split(path).directory
        if parent != path && parent != "." && parent != "/" { try createAll(parent, permissions: permissions) }
        if mkdir(path, mode_t(permissions)) != 0 {
            let code = errno
            // Lost a race with another creator: fine if it is a directory now.
            if code == EEXIST, try FileStatus.of(path)?.kind == .directory { return }
            throw SystemError(call: "mkdir", subject: path, code: code)
        }
    }

    /// Removes `path` whatever it is: a directory with everything below it (symlinks are removed,
    /// never followed), or a file/symlink (`unlink`). Nothing there is not an error.
    public static func removeTree(_ path: String) throws(SystemError) {
        guard let status = try FileStatus.of(path, followLinks: false) else { return }
        if status.kind == .directory {
            for name in try entries(of: path) { try removeTree(path + "/" + name) }
            if rmdir(path) != 0 { throw SystemError(call: "rmdir", subject: path, code: errno) }
        } else if unlink(path) != 0 {
            throw SystemError(call: "unlink", subject: path, code: errno)
        }
    }

    /// Creates a new private directory `<$TMPDIR or /tmp>/<prefix>XXXXXX` (`mkdtemp`) and returns its path.
    public static func makeTemporary(prefix: String = "oc-") throws(SystemError) -> String {
        let base = Environment.get("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/\(prefix)XXXXXX".utf8CString)
        let ok = template.withUnsafeMutableBufferPointer { buf -> Bool in
            guard let start = buf.baseAddress else { return false }
            return mkdtemp(start) != nil
        }
        if !ok { throw SystemError(call: "mkdtemp", subject: "\(base)/\(prefix)XXXXXX", code: errno) }
        return String(cString: template.map { UInt8(bitPattern: $0) })
    }
}
