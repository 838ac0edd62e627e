/// An image name `repository[:tag][@digest]`, split once for every reader: the digest after the
/// first `@`, the tag after the last `:` that no `/` follows. The tools that name images read the
/// parts differently; each reading is a named function below, so they are all in one place.
public struct ImageName: Sendable, Hashable {
    /// Everything before the tag and digest, registry included (`quay.io/a/nova-api`).
    public var repository: String
    /// The tag as written (`""` for `x:`), `nil` when there is none.
    public var tag: String?
    /// The digest (`sha256:…`), `nil` when there is none.
    public var digest: String?

    /// Splits `text`; never fails (the readings decide what is missing or invalid).
    public init(parsing text: some StringProtocol) {
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            repository = String(rest[..<colon])
            tag = String(rest[rest.index(after: colon)...])
        } else {
            repository = String(rest)
        }
    }

    /// `repo:tag` (or `repo@digest`), the form Docker's image list shows in `RepoTags`.
    public var listName: String { digest.map { "\(repository)@\($0)" } ?? "\(repository):\(tag ?? "latest")" }

    /// `repository` with the tag as written (`x:1` of `x:1@sha256:…`).
    var repositoryAndTag: String { repository + (tag.map { ":" + $0 } ?? "") }
}

extension ImageName {
    /// Kolla's reading (docker-py's `parse_repository_tag`): a missing tag is `latest`, or `""` when
    /// a digest is given, so `x` and `x:latest` are equal.
    public static func kolla(_ text: String) -> ImageName {
        var name = ImageName(parsing: text)
        if name.tag == nil { name.tag = name.digest == nil ? "latest" : "" }
        return name
    }

    /// The Docker engine's reading for `fromImage`/`tag` of a pull or push: `repo@digest` → (repo,
    /// digest), split at the last `@` as the CLI does (a tag before the digest stays in the
    /// repository); else (repo, tag), `latest` when there is none.
    public static func docker(_ text: String) -> (repository: String, tag: String) {
        let name = ImageName(parsing: text)
        guard let digest = name.digest else { return (name.repository, name.tag ?? "latest") }
        guard let at = digest.lastIndex(of: "@") else { return (name.repositoryAndTag, digest) }
        return (name.repositoryAndTag + "@" + digest[..<at], String(digest[digest.index(after: at)...]))
    }

    /// The registry a name is pulled from, as the Docker CLI and docker-py's
    /// `resolve_repository_name` read it: the first path part when it has a `.` or `:` or is
    /// `localhost`, else `docker.io`.
    public static func dockerRegistry(of text: String) -> String {
        guard let slash = text.firstIndex(of: "/") else { return "docker.io" }
        let first = text[..<slash]
        return first.contains(".") || first.contains(":") || first == "localhost" ? String(first) : "docker.io"
    }

    /// TripleO's registry reading (`[docker://]registry/repository[:tag][@digest]`): the first path
    /// part is always the registry; the reference is the digest, else the tag, else `latest` (a tag
    /// before a digest stays in the repository); Docker Hub's one-part names get `library/`.
    /// `nil` without a registry, repository or reference.
    public static func tripleo(_ text: String) -> (registry: String, repository: String, reference: String)? {
        var rest = Substring(text)
        if rest.hasPrefix("docker://") { rest = rest.dropFirst("docker://".count) }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let registry = String(rest[..<slash])
        let path = ImageName(parsing: rest[rest.index(after: slash)...])
        var repository = path.digest == nil ? path.repository : path.repositoryAndTag
        let reference = path.digest ?? path.tag ?? "latest"
        if (registry == "docker.io" || registry == "registry-1.docker.io") && !repository.contains("/") {
            repository = "library/" + repository
        }
        guard !registry.isEmpty, !repository.isEmpty, !reference.isEmpty else { return nil }
        return (registry, repository, reference)
    }

    /// tripleo-common's reading for tag discovery: `urlparse('docker://' + image)` then
    /// `_image_tag_from_url`, which splits the path at every `@` (or else every `:`) and takes the
    /// last piece as the tag, `/` or not. Its results for odd names (no tag: the tag is the whole
    /// path, the repository empty) are what tripleo-common asks the registry for, so this reading
    /// does not use the parser above.
    public static func tripleoCommon(_ image: String) -> (registry: String, path: String, repository: String, tag: String) {
        let slash = image.firstIndex(of: "/")
        let registry = slash.map { String(image[..<$0]) } ?? image
        let path = slash.map { "/" + image[image.index(after: $0)...] } ?? ""
        let separator: Character = path.contains("@") ? "@" : ":"
        let pieces = path.split(separator: separator, omittingEmptySubsequences: false)
        let tag = pieces.last.map(String.init) ?? ""
        let joined = pieces.dropLast().joined(separator: String(separator))
        return (registry, path, joined.hasPrefix("/") ? String(joined.dropFirst()) : joined, tag)
    }
}
