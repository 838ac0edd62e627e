import ContainerNotation
import HTTP
public import JSON

extension EngineClient {
    /// `GET /images/json`: local images, optionally only those matching `reference` (`filters={"reference":[…]}`).
    /// - Throws: `EngineError`.
    public func images(reference: String? = nil) throws(EngineError) -> [ImageSummary] {
        var query = QueryString()
        if let reference {
            query.append("filters", JSONWriter().write(["reference": [.string(reference)]]))
        }
        let reply = try json(request(.get, "/images/json", query: query))
        guard let items = reply.arrayValue else { throw .malformedReply("GET /images/json is not a list") }
        return items.map(ImageSummary.init(raw:))
    }

    /// `GET /images/{name}/json`, or `nil` when the image is not local.
    /// - Parameter name: a reference (`quay.io/x/nova-api:2023.1`) or an id.
    /// - Throws: `EngineError` for anything but 404.
    public func image(named name: String) throws(EngineError) -> ImageInspect? {
        try jsonIfPresent(request(.get, "/images/\(PercentEncoding.path(name))/json"), about: .image, named: name)
            .map(ImageInspect.init(raw:))
    }

    /// `POST /images/create?fromImage=&tag=`: pulls `reference`, reading the streamed JSON progress.
    /// A reference without a tag pulls `latest` (never every tag); `repo@sha256:…` pulls that digest.
    /// - Parameters:
    ///   - reference: `repo[:tag]` or `repo@digest`.
    ///   - auth: credentials, sent as `X-Registry-Auth`; `nil`: the stored login of the image's
    ///     registry (``storedLogins``), else anonymously.
    ///   - onProgress: called with each progress line (`status`, `id`, `progressDetail`, …).
    /// - Returns: the final status and digest.
    /// - Throws: `.pullFailed` when the daemon refuses the pull or a progress line carries `error`;
    ///   `.transport`/`.timedOut` when the stream breaks.
    @discardableResult
    public func pullImage(
        _ reference: String, auth: RegistryAuth? = nil, onProgress: (JSONValue) -> Void = { _ in }
    ) throws(EngineError) -> PullResult {
        let (repository, tag) = ImageName.docker(reference)
        var headers = HTTPHeaders()
        if let auth = auth ?? storedLogins.auth(forImage: reference) { headers.set("X-Registry-Auth", auth.headerValue) }
        let pull = request(.post, "/images/create", query: ["fromImage": repository, "tag": tag], headers: headers)
        var result = PullResult()
        let message = try streamLines(pull) { line in
            onProgress(line)
            result.record(line)
        }
        if let message { throw .pullFailed(image: reference, message: message) }
        return result
    }

    /// `DELETE /images/{name}?force=&noprune=`.
    /// - Throws: `.notFound` when the image is not local, `.conflict` when a container uses it.
    public func removeImage(_ name: String, force: Bool = false, noprune: Bool = false) throws(EngineError) {
        let query: QueryString = ["force": force ? "1" : "0", "noprune": noprune ? "1" : "0"]
        _ = try expectSuccess(request(.delete, "/images/\(PercentEncoding.path(name))", query: query), about: .image, named: name)
    }
}
