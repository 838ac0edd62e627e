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
}
