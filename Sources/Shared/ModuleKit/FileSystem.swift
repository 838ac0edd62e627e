public import Platform

/// The target's files as a module sees them. `LocalFileSystem` is the real one; tests use an
/// in-memory twin (ModuleTesting).
public protocol FileSystem: Sendable {
    /// The file's bytes, or `nil` when nothing is there.
    func read(_ path: String) throws -> [UInt8]?
    /// `stat` (following links), or `nil` when nothing is there.
    func status(_ path: String) throws -> FileStatus?
    /// Whether the module may read `path`.
    func isReadable(_ path: String) -> Bool
    /// Replaces `path` atomically (temp file + fsync + rename) with the given mode and owner;
    /// `nil` keeps the old file's value (a new file gets `0o666 & ~umask` and the caller's ids).
    func write(_ bytes: [UInt8], to path: String, permissions: UInt32?, uid: UInt32?, gid: UInt32?) throws
    /// Creates the directory `path` and any missing parents (`mkdir -p`, umask applied); the
    /// caller sets the leaf's exact mode and owner afterwards.
    func createDirectory(_ path: String) throws
    /// `chmod` (files and directories).
    func setPermissions(_ path: String, _ mode: UInt32) throws
    /// `chown`; `nil` leaves that id alone.
    func setOwner(_ path: String, uid: UInt32?, gid: UInt32?) throws
    /// Copies a file with its mode and owner (for backups).
    func copy(_ source: String, to destination: String) throws
    func uid(named name: String) -> UInt32?
    func gid(named name: String) -> UInt32?
    func userName(_ uid: UInt32) -> String
    func groupName(_ gid: UInt32) -> String
    /// The process umask.
    var umask: UInt32 { get }
}

extension FileSystem {
    /// `owner` and `group` (names or ids) resolved on the target; a missing one fails naming the option,
    /// `<optionPrefix>owner` or `<optionPrefix>group`.
    public func ids(owner: String?, group: String?, optionPrefix: String = "") throws(ModuleFailure) -> (uid: UInt32?, gid: UInt32?) {
        let uid = try owner.map { name throws(ModuleFailure) in
            guard let id = self.uid(named: name) else { throw ModuleFailure("\(optionPrefix)owner: user '\(name)' does not exist") }
            return id
        }
        let gid = try group.map { name throws(ModuleFailure) in
            guard let id = self.gid(named: name) else { throw ModuleFailure("\(optionPrefix)group: group '\(name)' does not exist") }
            return id
        }
        return (uid, gid)
    }
}

/// The real file system of the machine the module runs on.
public struct LocalFileSystem: FileSystem {
    public init() {}
    public func read(_ path: String) throws -> [UInt8]? { try Files.readIfPresent(path) }
    public func status(_ path: String) throws -> FileStatus? { try FileStatus.of(path) }
    public func isReadable(_ path: String) -> Bool { Files.isReadable(path) }
    public func write(_ bytes: [UInt8], to path: String, permissions: UInt32?, uid: UInt32?, gid: UInt32?) throws {
        try Files.writeAtomically(bytes, to: path, permissions: permissions, uid: uid, gid: gid)
    }
    public func createDirectory(_ path: String) throws { try Directories.createAll(path) }
    public func setPermissions(_ path: String, _ mode: UInt32) throws { try Files.setPermissions(path, mode) }
    public func setOwner(_ path: String, uid: UInt32?, gid: UInt32?) throws { try Files.setOwner(path, uid: uid, gid: gid) }
    public func copy(_ source: String, to destination: String) throws { try Files.copyPreserving(source, to: destination) }
    public func uid(named name: String) -> UInt32? { Users.uid(named: name) }
    public func gid(named name: String) -> UInt32? { Users.gid(named: name) }
    public func userName(_ uid: UInt32) -> String { Users.name(ofUID: uid) }
    public func groupName(_ gid: UInt32) -> String { Users.name(ofGID: gid) }
    public var umask: UInt32 { Files.currentUmask() }
}
