import Platform

@testable import ModifyImage

/// An in-memory `InputFiles`: files by absolute path; directories implied by them or added.
final class MemoryInputFiles: InputFiles, @unchecked Sendable {
    var files: [String: [UInt8]] = [:]
    var directories: Set<String> = ["/"]

    init(_ texts: [String: String] = [:], directories: [String] = []) {
        for (path, text) in texts { put(path, text) }
        for dir in directories { addDirectory(dir) }
    }

    func put(_ path: String, _ text: String) { put(path, Array(text.utf8)) }

    func put(_ path: String, _ bytes: [UInt8]) {
        files[path] = bytes
        addDirectory(Paths.split(path).directory)
    }

    func addDirectory(_ path: String) {
        var current = path
        while current != "/" && !current.isEmpty {
            directories.insert(current)
            current = Paths.split(current).directory
        }
    }

    func status(_ path: String) throws -> FileStatus? {
        if let bytes = files[path] { return FileStatus(kind: .file, permissions: 0o644, uid: 0, gid: 0, size: bytes.count) }
        if directories.contains(path) { return FileStatus(kind: .directory, permissions: 0o755, uid: 0, gid: 0, size: 0) }
        return nil
    }

    func entries(of directory: String) throws -> [String] {
        guard directories.contains(directory) else { throw SystemError(call: "opendir", subject: directory, code: 2) }
        let prefix = directory == "/" ? "/" : directory + "/"
        var names = Set<String>()
        for path in Array(files.keys) + Array(directories) where path.hasPrefix(prefix) && path != directory {
            if let first = path.dropFirst(prefix.count).split(separator: "/").first { names.insert(String(first)) }
        }
        return Array(names)
    }

    func read(_ path: String) throws -> [UInt8]? { files[path] }
    func readLink(_ path: String) throws -> String { throw SystemError(call: "readlink", subject: path, code: 22) }
}
