/// Reading package repository definitions for the local (`file://`) repositories they use:
/// yum/dnf `.repo` (`baseurl=file:///…`, also in a list), apt one-line `.list`
/// (`deb [options] file:///… suite …`) and deb822 `.sources` (`URIs: file:///…`).
enum RepositoryFiles {
    /// The absolute directories of every `file://` URL in `text`, in order, without duplicates
    /// and without a trailing `/`.
    static func fileURLPaths(_ text: String) -> [String] {
        var paths: [String] = []
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("#") || line.hasPrefix(";") { continue }
            for word in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "=" || $0 == "," }) where word.hasPrefix("file://") {
                var path = String(word.dropFirst("file://".count))
                while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
                if path.hasPrefix("/") && !paths.contains(path) { paths.append(path) }
            }
        }
        return paths
    }
}
