public import Platform

/// Maps the container paths of `config.json` (`/etc/x`) onto the real file system under a root prefix,
/// so unit tests run the whole logic inside a temporary directory. The root `/` maps every path to itself.
///
/// Paths in log lines and messages are always the container paths.
public struct FileRoot: Sendable, Equatable {
    /// The real directory standing for `/`, without a trailing slash (`""` for `/` itself).
    public let prefix: String

    /// A root at `directory` (default `/`).
    public init(_ directory: String = "/") {
        var trimmed = Substring(directory)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        prefix = String(trimmed)
    }

    /// The real path of a container path.
    public func real(_ path: String) -> String {
        if prefix.isEmpty { return path }
        return path.hasPrefix("/") ? prefix + path : prefix + "/" + path
    }

    /// The container path of a real path under the root.
    public func logical(_ realPath: String) -> String {
        guard !prefix.isEmpty, realPath.hasPrefix(prefix) else { return realPath }
        let rest = String(realPath.dropFirst(prefix.count))
        return rest.isEmpty ? "/" : rest
    }

    /// `glob.glob(pattern)` for a container pattern; results are container paths.
    public func glob(_ pattern: String) throws(SystemError) -> [String] {
        let realPattern = prefix.isEmpty ? pattern : Glob.escape(prefix) + (pattern.hasPrefix("/") ? "" : "/") + pattern
        return try Glob.expand(realPattern).map(logical)
    }

    /// `stat` (following links) of a container path; `nil` when absent or a dangling link.
    public func status(_ path: String) throws(SystemError) -> FileStatus? { try FileStatus.of(real(path)) }

    /// `lstat` of a container path; `nil` when absent.
    public func linkStatus(_ path: String) throws(SystemError) -> FileStatus? {
        try FileStatus.of(real(path), followLinks: false)
    }

    /// `os.path.exists`: something is there, following links.
    public func exists(_ path: String) throws(SystemError) -> Bool { try status(path) != nil }

    /// `os.path.lexists`: something is there, even a dangling link.
    public func lexists(_ path: String) throws(SystemError) -> Bool { try linkStatus(path) != nil }

    /// `os.path.isdir` (follows links).
    public func isDirectory(_ path: String) throws(SystemError) -> Bool { try status(path)?.kind == .directory }
}

/// Container-path helpers (no file system access).
enum ContainerPath {
    /// `os.path.join(a, b)` for a relative `b`.
    static func join(_ a: String, _ b: String) -> String {
        if a.isEmpty { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    /// `os.path.dirname`.
    static func dirname(_ path: String) -> String { Paths.pythonDirname(path) }

    /// `os.path.basename`.
    static func basename(_ path: String) -> String { Paths.pythonBasename(path) }

    /// Python's `repr` of a list of strings (`['/a', '/b']`), as Kolla prints bad-state files.
    static func pythonList(_ items: [String]) -> String {
        "[" + items.map { "'" + $0.replacingBackslashesAndQuotes() + "'" }.joined(separator: ", ") + "]"
    }
}

extension String {
    fileprivate func replacingBackslashesAndQuotes() -> String {
        var out = ""
        for ch in self {
            if ch == "\\" || ch == "'" { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
