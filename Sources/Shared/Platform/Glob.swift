#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Shell-style pathname expansion with libc's `glob(3)`, the way Python's `glob.glob` is used by Kolla:
/// `*`, `?` and `[...]` per component; names starting with `.` are matched only by a pattern that
/// starts with `.`; no `~`, no braces. Results are sorted (`glob(3)` sorts; Python does not).
public enum Glob {
    /// The paths matching `pattern`; an empty list when nothing matches (a pattern without
    /// wildcards yields itself only when the path exists).
    /// - Throws: `SystemError` (`glob`) when libc runs out of memory or gives up on a read error.
    public static func expand(_ pattern: String) throws(SystemError) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        let rc = glob(pattern, 0, nil, &result)
        if rc == GLOB_NOMATCH { return [] }
        if rc != 0 { throw SystemError(call: "glob", subject: pattern, code: rc == GLOB_NOSPACE ? ENOMEM : EIO) }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let entry = result.gl_pathv[index] { paths.append(String(cString: entry)) }
        }
        return paths
    }

    /// `literal` with the glob metacharacters `*`, `?`, `[` and `\` escaped by a backslash, so a
    /// directory prefix with such characters can be put in front of a pattern.
    public static func escape(_ literal: String) -> String {
        var out = ""
        for ch in literal {
            if ch == "*" || ch == "?" || ch == "[" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
