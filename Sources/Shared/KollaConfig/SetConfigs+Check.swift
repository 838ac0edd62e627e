import Platform

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `ConfigFile.check`: does the container still hold what `config_files` would copy?
extension SetConfigs {
    /// Compares every source of `entry` with its destination.
    /// - Throws: `KollaError.missingRequiredSource`, or `.configFileBadState` listing the sources that differ.
    func checkEntry(_ entry: ConfigFileEntry, _ users: UserDatabase) throws {
        let sources = try root.glob(entry.source)
        if sources.isEmpty {
            if entry.optional { return }
            throw KollaError(.missingRequiredSource, "\(entry.source) file is not found")
        }
        var bad: [String] = []
        for source in sources {
            let dest = destination(of: entry, for: source)
            let same =
                try root.isDirectory(source)
                ? compareDirectory(source, dest, entry, users) : compareFile(source, dest, entry, users)
            if !same { bad.append(source) }
        }
        if !bad.isEmpty {
            throw KollaError(.configFileBadState, "Following files are in bad state: \(ContainerPath.pythonList(bad))")
        }
    }

    /// Content byte for byte, then mode, then owner user and group (by id; names in messages).
    /// Expected mode/owner: the entry's, or with `preserve_properties` the source's own (Kolla compares
    /// against `None` there and always reports a difference).
    private func compareFile(_ source: String, _ dest: String, _ entry: ConfigFileEntry, _ users: UserDatabase) throws -> Bool {
        guard let sourceStatus = try root.status(source) else {
            log.error("Source file \(source) does not exist")
            return false
        }
        guard let destStatus = try root.status(dest) else {
            log.error("Dest file \(dest) does not exist")
            return false
        }
        if try !sameContent(source, sourceStatus, dest, destStatus) {
            log.error("The content of source file(\(source)) and dest file(\(dest)) are not equal.")
            return false
        }
        let expectedMode = entry.preserveProperties ? PermissionBits(sourceStatus.permissions) : entry.perm
        let actualMode = PermissionBits(destStatus.permissions)
        if let expectedMode, expectedMode != actualMode {
            log.error("Dest file does not have expected perm: \(expectedMode), actual: \(actualMode)")
            return false
        }
        let expected: (uid: UInt32, gid: UInt32)
        if entry.preserveProperties {
            expected = (sourceStatus.uid, sourceStatus.gid)
        } else if let owner = entry.owner {
            expected = try users.resolve(owner)
        } else {
            return true
        }
        if expected.uid != destStatus.uid {
            log.error(
                "Dest file does not have expected user: \(users.userName(of: expected.uid)), actual: \(users.userName(of: destStatus.uid)) "
            )
            return false
        }
        if expected.gid != destStatus.gid {
            log.error(
                "Dest file does not have expected group: \(users.groupName(of: expected.gid)), actual: \(users.groupName(of: destStatus.gid)) "
            )
            return false
        }
        return true
    }

    /// Every subdirectory's mode (the entry's mode with directory execute bits, or the source directory's
    /// with `preserve_properties`) and every file below `source`.
    private func compareDirectory(_ source: String, _ dest: String, _ entry: ConfigFileEntry, _ users: UserDatabase) throws -> Bool {
        var same = true
        try walk(source) { path throws in
            guard same else { return }
            let relative = String(path.dropFirst(source.count).drop { $0 == "/" })
            let destPath = ContainerPath.join(dest, relative)
            if try root.isDirectory(path) {
                guard let destStatus = try root.status(destPath) else {
                    log.error("Dest dir \(destPath) does not exist")
                    same = false
                    return
                }
                let expected: PermissionBits?
                if entry.preserveProperties {
                    expected = try root.status(path).map { PermissionBits($0.permissions) }
                } else {
                    expected = entry.perm?.forDirectory
                }
                let actual = PermissionBits(destStatus.permissions)
                if let expected, expected != actual {
                    log.error("Dest dir does not have expected perm: \(expected), actual \(actual)")
                    same = false
                }
            } else if try !compareFile(path, destPath, entry, users) {
                same = false
            }
        }
        return same
    }

    /// Byte for byte, reading regular files only (a FIFO would block, a device node has no end; Kolla
    /// reads them anyway) and not at all when the sizes differ already. The dest is read at most to
    /// the source's size, so a file that grows meanwhile is no more than "not equal".
    /// - Throws: `SystemError` (exit 2) for a source or dest that is not a regular file.
    private func sameContent(_ source: String, _ sourceStatus: FileStatus, _ dest: String, _ destStatus: FileStatus) throws -> Bool {
        if sourceStatus.kind != .file { throw Self.notRegular(source, sourceStatus) }
        if destStatus.kind != .file { throw Self.notRegular(dest, destStatus) }
        guard sourceStatus.size == destStatus.size else { return false }
        guard let wanted = try Files.readIfPresent(root.real(source)) else { return false }
        let found: [UInt8]?
        do {
            found = try Files.readIfPresent(root.real(dest), limit: wanted.count)
        } catch {
            if error.code == EFBIG { return false }
            throw error
        }
        return found == wanted
    }

    private static func notRegular(_ path: String, _ status: FileStatus) -> SystemError {
        SystemError(call: "read", subject: path, code: status.kind == .directory ? EISDIR : EINVAL)
    }
}
