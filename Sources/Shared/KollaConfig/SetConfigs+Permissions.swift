import Platform

/// `handle_permissions`: owners and modes, last step of a run.
extension SetConfigs {
    /// Applies every `permissions` entry: each glob match, and with `recurse` everything below it
    /// (symlinked directories are not entered, as `os.walk`), except paths an `exclude` pattern finds.
    ///
    /// Kolla applies a path once per exclude pattern that does *not* find it (so with two patterns nothing
    /// is ever excluded); here a path is skipped when any pattern finds it.
    /// - Throws: `KollaError.userNotFound` for an unknown owner (Kolla: a Python `KeyError`, exit 2).
    func handlePermissions(_ entries: [PermissionEntry], _ users: UserDatabase) throws {
        for entry in entries {
            let ids = try users.resolve(entry.owner)
            for match in try root.glob(entry.path) {
                try setPermissions(match, ids, entry.perm)
                guard entry.recurse, try root.isDirectory(match) else { continue }
                try walk(match) { path throws in
                    // Compiled: `apply` refuses a config with patterns when it has no `excludes`.
                    if entry.exclude.contains(where: { $0.matches(path) == true }) { return }
                    try setPermissions(path, ids, entry.perm)
                }
            }
        }
    }

    /// Calls `body` with every path below `top`, directories before their content (`os.walk` top-down).
    func walk(_ top: String, _ body: (String) throws -> Void) throws {
        var pending = [top]
        while let dir = pending.popLast() {
            var subdirectories: [String] = []
            var others: [String] = []
            for name in try Directories.entries(of: root.real(dir)).sorted() {
                let path = ContainerPath.join(dir, name)
                if try root.isDirectory(path) {
                    subdirectories.append(path)
                } else {
                    others.append(path)
                }
            }
            for path in subdirectories + others { try body(path) }
            // Enter real directories only, in order.
            for path in subdirectories.reversed() where try root.linkStatus(path)?.kind == .directory {
                pending.append(path)
            }
        }
    }

    /// Kolla's `set_perms`: chown, then chmod (a directory also gets x for each r). A missing path is a
    /// warning; a failing chown/chmod is logged and the run goes on, as in Kolla.
    func setPermissions(_ path: String, _ ids: (uid: UInt32, gid: UInt32), _ perm: PermissionBits?) throws {
        log.info("Setting permission for \(path)")
        guard let status = try root.status(path) else {
            log.warning("\(path) does not exist")
            return
        }
        do { try Files.setOwner(root.real(path), uid: ids.uid, gid: ids.gid) } catch {
            log.error("Failed to change ownership of \(path) to \(ids.uid):\(ids.gid): \(error.reason)")
        }
        guard let perm else { return }
        let mode = status.kind == .directory ? perm.forDirectory : perm
        do { try Files.setPermissions(root.real(path), mode.bits) } catch {
            log.error("Failed to set permission of \(path) to \(mode): \(error.reason)")
        }
    }
}
