/// Path string helpers (no file system access).
public enum Paths {
    /// Splits into directory and last component: `/a/b` → (`/a`, `b`), `b` → (`.`, `b`), `/b` → (`/`, `b`).
    public static func split(_ path: String) -> (directory: String, base: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", String(trimmed)) }
        let dir = trimmed[..<slash]
        return (dir.isEmpty ? "/" : String(dir), String(trimmed[trimmed.index(after: slash)...]))
    }

    /// The last path component (`basename`).
    public static func basename(_ path: String) -> String { split(path).base }

    /// Python's `os.path.dirname`: everything before the last `/`, trailing slashes dropped
    /// (`/a/b` → `/a`, `/a/b/` → `/a/b`, `/b` → `/`, `b` → ``).
    public static func pythonDirname(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        var head = path[..<slash]
        if head.isEmpty { return "/" }
        while head.count > 1, head.hasSuffix("/") { head = head.dropLast() }
        return String(head)
    }

    /// Python's `os.path.basename`: everything after the last `/` (`/a/` → ``).
    public static func pythonBasename(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
