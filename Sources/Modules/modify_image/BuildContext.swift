import Platform
import Tar

/// The files sent with a build (`POST /build` takes them as a tar archive): the Dockerfile, the
/// scripts and whatever the mode copies in.
struct BuildContext: Sendable, Equatable {
    /// One archive member.
    enum Entry: Sendable, Equatable {
        case file(path: String, bytes: [UInt8], permissions: UInt32)
        case directory(path: String)
        case symlink(path: String, target: String)

        var path: String {
            switch self {
            case .file(let path, _, _), .directory(let path), .symlink(let path, _): return path
            }
        }
    }

    /// The members in archive order.
    private(set) var entries: [Entry] = []

    /// The paths of the regular files, in order.
    var filePaths: [String] {
        entries.compactMap { if case .file(let path, _, _) = $0 { return path } else { return nil } }
    }

    /// The bytes of the file at `path`, if the context has one.
    func file(_ path: String) -> [UInt8]? {
        for case .file(let p, let bytes, _) in entries where p == path { return bytes }
        return nil
    }

    /// Adds (or replaces) a regular file.
    mutating func addFile(_ path: String, _ bytes: [UInt8], permissions: UInt32 = 0o644) {
        entries.removeAll { $0.path == path }
        entries.append(.file(path: path, bytes: bytes, permissions: permissions))
    }

    /// Adds a text file.
    mutating func addFile(_ path: String, text: String, permissions: UInt32 = 0o644) {
        addFile(path, Array(text.utf8), permissions: permissions)
    }

    /// Adds `source` (a directory on the controller) and everything below it as `prefix` (use ""
    /// for the context root). Sockets and devices are skipped; symlinks are kept as links.
    /// - Parameters:
    ///   - skip: relative paths left out (e.g. a Dockerfile the module replaces).
    ///   - parameter: the option that named `source`, for errors.
    mutating func addTree(_ source: String, as prefix: String, from files: any InputFiles, skip: Set<String> = [], parameter: String) throws {
        if !prefix.isEmpty { entries.append(.directory(path: prefix)) }
        try addChildren(of: source, relative: "", prefix: prefix, from: files, skip: skip, parameter: parameter, depth: 0)
    }

    private mutating func addChildren(
        of directory: String, relative: String, prefix: String, from files: any InputFiles, skip: Set<String>, parameter: String, depth: Int
    ) throws {
        guard depth < 64 else { throw ModifyImageError.badInput(parameter, "\(directory) is nested more than 64 levels deep") }
        let names: [String]
        do {
            names = try files.sortedEntries(of: directory)
        } catch {
            throw ModifyImageError.badInput(parameter, "cannot list \(directory): \(error)")
        }
        for name in names {
            let rel = relative.isEmpty ? name : relative + "/" + name
            if skip.contains(rel) { continue }
            let full = directory + "/" + name
            let member = prefix.isEmpty ? rel : prefix + "/" + rel
            guard let status = try files.status(full) else { continue }
            switch status.kind {
            case .directory:
                entries.append(.directory(path: member))
                try addChildren(of: full, relative: rel, prefix: prefix, from: files, skip: skip, parameter: parameter, depth: depth + 1)
            case .file:
                guard let bytes = try files.read(full) else { continue }
                entries.append(.file(path: member, bytes: bytes, permissions: status.permissions))
            case .symlink:
                entries.append(.symlink(path: member, target: try files.readLink(full)))
            case .other:
                continue
            }
        }
    }

    /// The context as an uncompressed ustar archive.
    /// - Throws: `ModifyImageError.badInput` when a path does not fit the tar format.
    func tar() throws(ModifyImageError) -> [UInt8] {
        var writer = TarWriter()
        do {
            for entry in entries {
                switch entry {
                case .file(let path, let bytes, let permissions): try writer.addFile(path, contents: bytes, permissions: permissions)
                case .directory(let path): try writer.addDirectory(path)
                case .symlink(let path, let target): try writer.addSymlink(path, target: target)
                }
            }
        } catch {
            throw .badInput("build context", error.description)
        }
        return writer.finish()
    }
}
