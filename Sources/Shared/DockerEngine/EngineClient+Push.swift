import ContainerNotation
import Digest
import HTTP
public import JSON

extension EngineClient {
    /// `POST /images/{name}/tag?repo=&tag=`: gives the local image `source` the name `target`.
    /// - Parameters:
    ///   - source: the image (reference or id).
    ///   - target: the new `repo[:tag]` (`latest` when it has no tag).
    /// - Throws: `.notFound` when `source` is not local; `EngineError` otherwise.
    public func tagImage(_ source: String, as target: String) throws(EngineError) {
        let (repository, tag) = ImageName.docker(target)
        _ = try expectSuccess(
            request(.post, "/images/\(PercentEncoding.path(source))/tag", query: ["repo": repository, "tag": tag]),
            about: .image, named: source)
    }

    /// `POST /images/{name}/push?tag=`: pushes the local image `reference` to its registry.
    /// - Parameters:
    ///   - reference: `registry/repo:tag` (`latest` when it has no tag).
    ///   - auth: credentials for the registry; `nil`: the stored login of its registry (``storedLogins``),
    ///     else an empty auth config (the daemon requires the header).
    ///   - onProgress: called with each progress line.
    /// - Returns: the pushed manifest digest, when the daemon reported it (`aux.Digest`).
    /// - Throws: `.pushFailed` with the daemon's message; `.transport`/`.timedOut` when the stream breaks.
    @discardableResult
    public func pushImage(
        _ reference: String, auth: RegistryAuth? = nil, timeout: Duration? = nil, onProgress: (JSONValue) -> Void = { _ in }
    ) throws(EngineError) -> String? {
        let (repository, tag) = ImageName.docker(reference)
        let headers: HTTPHeaders = [
            "X-Registry-Auth": (auth ?? storedLogins.auth(forImage: reference))?.headerValue ?? Base64.urlEncoded(Array("{}".utf8))
        ]
        let push = request(.post, "/images/\(PercentEncoding.path(repository))/push", query: ["tag": tag], headers: headers, timeout: timeout)
        var digest: String?
        let message = try streamLines(push) { line in
            onProgress(line)
            if let value = line.at(path: ["aux", "Digest"])?.stringValue { digest = value }
        }
        if let message { throw .pushFailed(image: reference, message: message) }
        return digest
    }

    /// `GET /distribution/{name}/json`: asks the image's registry, through the daemon, for the
    /// manifest descriptor of `reference`.
    /// - Returns: the reply (`Descriptor`, `Platforms`), or `nil` when the registry has no such
    ///   repository or tag.
    /// - Throws: `EngineError` when the registry cannot be asked (unreachable, refused credentials).
    public func distribution(_ reference: String, auth: RegistryAuth? = nil) throws(EngineError) -> JSONValue? {
        var headers = HTTPHeaders()
        if let auth = auth ?? storedLogins.auth(forImage: reference) { headers.set("X-Registry-Auth", auth.headerValue) }
        let response = try send(request(.get, "/distribution/\(PercentEncoding.path(reference))/json", headers: headers))
        if response.head.isSuccess {
            return try Self.parse(response.body, what: "GET /distribution/\(reference)/json")
        }
        let message = Self.daemonMessage(response)
        if response.status == 404 || Self.absentMarkers.contains(where: { message.lowercased().contains($0) }) { return nil }
        throw Self.failure(response, about: nil, named: reference)
    }

    /// Daemon messages that mean "the registry has no such manifest" (Docker answers 500 or 401 for it).
    static let absentMarkers = ["manifest unknown", "not found", "name unknown"]
}
