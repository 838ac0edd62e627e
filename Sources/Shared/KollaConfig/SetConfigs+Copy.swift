import Platform

/// `ConfigFile.copy` and friends: copying `config_files` entries into place.
extension SetConfigs {
    /// Copies every source the entry's glob matches to its destination, then gives it owner and mode.
    /// - Throws: `KollaError.missingRequiredSource` when a required source matches nothing.
    func copyEntry(_ entry: ConfigFileEntry, _ users: UserDatabase) throws {
        let sources = try root.glob(entry.source)
        if sources.isEmpty {
            if entry.optional { return }
            throw KollaError(.missingRequiredSource, "\(entry.source) file is not found")
        }
        for source in sources {
            let dest = destination(of: entry, for: source)
            if !entry.merge { try deletePath(dest) }
            let parent = ContainerPath.dirname(dest)
            if !parent.isEmpty, try !root.exists(parent) { try Directories.createAll(root.real(parent)) }
            do {
                try mergeDirectories(source, dest, entry, users)
            } catch let error as SystemError {
                log.error("Unable to merge \(source) with \(dest)")
                throw error
            }
        }
    }

    /// `dest`, or `dest` + the source's base name when `dest` ends with `/`.
    func destination(of entry: ConfigFileEntry, for source: String) -> String {
        entry.dest.hasSuffix("/") ? entry.dest + ContainerPath.basename(source) : entry.dest
    }

    private func mergeDirectories(_ source: String, _ dest: String, _ entry: ConfigFileEntry, _ users: UserDatabase) throws {
        if try root.isDirectory(source) {
            if try root.lexists(dest), try !root.isDirectory(dest) { try deletePath(dest) }
            if try !root.isDirectory(dest) {
                log.info("Creating directory \(dest)")
                try Directories.createAll(root.real(dest))
            }
            try setProperties(source, dest, entry, users)
            for name in try Directories.entries(of: root.real(source)) {
                try mergeDirectories(ContainerPath.join(source, name), ContainerPath.join(dest, name), entry, users)
            }
        } else {
            try copyFile(source, dest, entry, users)
        }
    }

    private func copyFile(_ source: String, _ dest: String, _ entry: ConfigFileEntry, _ users: UserDatabase) throws {
        try deletePath(dest)
        log.info("Copying \(source) to \(dest)")
        if entry.merge && entry.preserveProperties, try root.linkStatus(source)?.kind == .symlink {
            try Files.createSymlink(at: root.real(dest), to: Files.readLink(root.real(source)))
            return
        }
        // shutil.copy: content and mode bits of the source (following links).
        guard let bytes = try Files.readIfPresent(root.real(source)), let status = try root.status(source) else {
            throw SystemError.notFound(call: "open", subject: source)
        }
        try Files.writeAtomically(bytes, to: root.real(dest), permissions: status.permissions)
        try setProperties(source, dest, entry, users)
    }

    /// Removes whatever is at `path` (a directory with its content); nothing there is fine.
    func deletePath(_ path: String) throws {
        guard try root.lexists(path) else { return }
        log.info("Deleting \(path)")
        try Directories.removeTree(root.real(path))
    }

    private func setProperties(_ source: String, _ dest: String, _ entry: ConfigFileEntry, _ users: UserDatabase) throws {
        if entry.preserveProperties {
            log.info("Copying permissions from \(source) onto \(dest)")
            guard let status = try root.status(source) else { throw SystemError.notFound(call: "stat", subject: source) }
            try Files.setPermissions(root.real(dest), status.permissions)
            try Files.setOwner(root.real(dest), uid: status.uid, gid: status.gid)
        } else if let owner = entry.owner {
            try setPermissions(dest, users.resolve(owner), entry.perm)
        }
    }
}
