public import ModuleKit
public import Platform

/// An in-memory `FileSystem` for unit tests: files, modes and owners, no disk.
public final class MemoryFileSystem: FileSystem, @unchecked Sendable {
    public struct Entry: Equatable {
        public var bytes: [UInt8]
        public var permissions: UInt32
        public var uid: UInt32
        public var gid: UInt32
    }

    /// Files by absolute path.
    public private(set) var files: [String: Entry] = [:]
    /// Directories that exist (parents of files are added automatically).
    public private(set) var directories: Set<String> = ["/"]
    /// Mode and owner of directories a module created or changed (others report 0755, root).
    public private(set) var directoryAttributes: [String: Entry] = [:]
    /// Paths the module may not read.
    public var unreadable: Set<String> = []
    public let umask: UInt32
    private let users: [String: UInt32] = ["root": 0, "kolla": 42400, "nobody": 65534]
    private let groups: [String: UInt32] = ["root": 0, "kolla": 42400, "nogroup": 65534]

    public init(files: [String: String] = [:], directories: [String] = [], umask: UInt32 = 0o022) {
        self.umask = umask
        for d in directories { addDirectory(d) }
        for (path, text) in files { put(path, text) }
    }

    /// Adds a file (and its parent directories).
    public func put(_ path: String, _ text: String, permissions: UInt32 = 0o644, uid: UInt32 = 0, gid: UInt32 = 0) {
        addDirectory(Paths.split(path).directory)
        files[path] = Entry(bytes: Array(text.utf8), permissions: permissions, uid: uid, gid: gid)
    }

    /// The text of a file, or `nil`.
    public func text(_ path: String) -> String? {
        files[path].map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    public func addDirectory(_ path: String) {
        var p = path
        while p != "/" && !p.isEmpty && p != "." {
            directories.insert(p)
            p = Paths.split(p).directory
        }
    }

    public func read(_ path: String) throws -> [UInt8]? { files[path]?.bytes }

    public func status(_ path: String) throws -> FileStatus? {
        if let f = files[path] { return FileStatus(kind: .file, permissions: f.permissions, uid: f.uid, gid: f.gid, size: f.bytes.count) }
        if directories.contains(path) {
            let a = directoryAttributes[path]
            return FileStatus(kind: .directory, permissions: a?.permissions ?? 0o755, uid: a?.uid ?? 0, gid: a?.gid ?? 0, size: 4096)
        }
        return nil
    }

    public func isReadable(_ path: String) -> Bool {
        !unreadable.contains(path) && (files[path] != nil || directories.contains(path))
    }

    public func write(_ bytes: [UInt8], to path: String, permissions: UInt32?, uid: UInt32?, gid: UInt32?) throws {
        let old = files[path]
        files[path] = Entry(
            bytes: bytes, permissions: permissions ?? old?.permissions ?? (0o666 & ~umask),
            uid: uid ?? old?.uid ?? 0, gid: gid ?? old?.gid ?? 0)
    }

    public func createDirectory(_ path: String) throws {
        if files[path] != nil { throw SystemError(call: "mkdir", subject: path, code: 17) }
        var missing: [String] = []
        var p = path
        while p != "/" && !p.isEmpty && p != "." && !directories.contains(p) {
            if files[p] != nil { throw SystemError(call: "mkdir", subject: p, code: 17) }
            missing.append(p)
            p = Paths.split(p).directory
        }
        for d in missing {
            directories.insert(d)
            directoryAttributes[d] = Entry(bytes: [], permissions: 0o777 & ~umask, uid: 0, gid: 0)
        }
    }

    public func setPermissions(_ path: String, _ mode: UInt32) throws {
        if directories.contains(path) { return updateDirectory(path) { $0.permissions = mode } }
        guard files[path] != nil else { throw SystemError(call: "chmod", subject: path, code: 2) }
        files[path]?.permissions = mode
    }

    public func setOwner(_ path: String, uid: UInt32?, gid: UInt32?) throws {
        if directories.contains(path) {
            return updateDirectory(path) { entry in
                if let uid { entry.uid = uid }
                if let gid { entry.gid = gid }
            }
        }
        guard files[path] != nil else { throw SystemError(call: "chown", subject: path, code: 2) }
        if let uid { files[path]?.uid = uid }
        if let gid { files[path]?.gid = gid }
    }

    private func updateDirectory(_ path: String, _ change: (inout Entry) -> Void) {
        var entry = directoryAttributes[path] ?? Entry(bytes: [], permissions: 0o755, uid: 0, gid: 0)
        change(&entry)
        directoryAttributes[path] = entry
    }

    public func copy(_ source: String, to destination: String) throws {
        guard let f = files[source] else { throw SystemError(call: "open", subject: source, code: 2) }
        files[destination] = f
    }

    public func uid(named name: String) -> UInt32? { UInt32(name) ?? users[name] }
    public func gid(named name: String) -> UInt32? { UInt32(name) ?? groups[name] }
    public func userName(_ uid: UInt32) -> String { users.first { $0.value == uid }?.key ?? String(uid) }
    public func groupName(_ gid: UInt32) -> String { groups.first { $0.value == gid }?.key ?? String(gid) }
}
