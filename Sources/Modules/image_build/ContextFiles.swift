import Platform

/// Reading the rendered build contexts. `LocalContextFiles` reads the real files; tests use a twin.
protocol ContextFiles: Sendable {
    /// The file's bytes and permission bits (following symlinks), `nil` when absent.
    func read(_ path: String) throws -> (bytes: [UInt8], permissions: UInt32)?
}

/// The machine's own files.
struct LocalContextFiles: ContextFiles {
    func read(_ path: String) throws -> (bytes: [UInt8], permissions: UInt32)? {
        guard let status = try FileStatus.of(path), let bytes = try Files.readIfPresent(path) else { return nil }
        return (bytes, status.permissions)
    }
}
