import Platform

/// Reading the controller-side inputs (Dockerfile directories, packages, source trees, patches).
/// `LocalInputFiles` reads the real files; tests use an in-memory twin.
protocol InputFiles: Sendable {
    /// `lstat`: `nil` when nothing is at `path`.
    func status(_ path: String) throws -> FileStatus?
    /// The names in a directory (unsorted).
    func entries(of directory: String) throws -> [String]
    /// A file's bytes, `nil` when absent.
    func read(_ path: String) throws -> [UInt8]?
    /// A symlink's target.
    func readLink(_ path: String) throws -> String
}

/// The machine's own files.
struct LocalInputFiles: InputFiles {
    func status(_ path: String) throws -> FileStatus? { try FileStatus.of(path, followLinks: false) }
    func entries(of directory: String) throws -> [String] { try Directories.entries(of: directory) }
    func read(_ path: String) throws -> [UInt8]? { try Files.readIfPresent(path) }
    func readLink(_ path: String) throws -> String { try Files.readLink(path) }
}

extension InputFiles {
    /// Whether `path` is a directory (following a symlink).
    func isDirectory(_ path: String) throws -> Bool {
        guard let status = try status(path) else { return false }
        if status.kind == .symlink { return try self.status(resolve(path))?.kind == .directory }
        return status.kind == .directory
    }

    /// The names in `directory`, sorted bytewise, following a symlinked directory.
    func sortedEntries(of directory: String) throws -> [String] {
        try entries(of: directory).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Follows one level of symlink at `path`.
    func resolve(_ path: String) throws -> String {
        let target = try readLink(path)
        if target.hasPrefix("/") { return target }
        return Paths.split(path).directory + "/" + target
    }
}
