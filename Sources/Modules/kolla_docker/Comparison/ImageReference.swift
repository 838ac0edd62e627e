/// `repo[:tag][@digest]` split like docker-py's `parse_repository_tag`, with a missing tag read
/// as `latest` (Kolla compares `x` and `x:latest` as different; Docker treats them as one).
struct ImageReference: Equatable {
    var repository: String
    var tag: String
    var digest: String?

    init(_ text: String) {
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        if let colon = rest.lastIndex(of: ":"), !rest[rest.index(after: colon)...].contains("/") {
            repository = String(rest[..<colon])
            tag = String(rest[rest.index(after: colon)...])
        } else {
            repository = String(rest)
            tag = digest == nil ? "latest" : ""
        }
    }

    /// `repo:tag` (or `repo@digest`), the form Docker's image list shows in `RepoTags`.
    var name: String { digest.map { "\(repository)@\($0)" } ?? "\(repository):\(tag)" }
}
