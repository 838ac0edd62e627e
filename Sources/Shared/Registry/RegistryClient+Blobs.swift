import Digest

/// Blobs: existence (HEAD), reading (GET, redirects followed without leaking `Authorization`),
/// cross-repository mounts and uploads (monolithic PUT, or PATCH then PUT).
extension RegistryClient {
    /// The outcome of a mount request.
    public enum MountResult: Sendable, Equatable {
        /// 201: the blob is now in the repository.
        case mounted
        /// 202: the registry could not mount and opened an upload session at this URL instead.
        case uploadStarted(location: String)
    }

    /// How a blob's bytes are sent.
    public enum UploadMode: Sendable {
        /// `PUT <location>?digest=` with the whole blob streamed as the body (one request).
        case monolithic
        /// `PATCH <location>` streaming the blob, then `PUT <location>?digest=` without a body.
        case patchThenPut
    }

    /// `HEAD /v2/<name>/blobs/<digest>` (with the push scope: asked of copy destinations).
    public func blobExists(_ digest: String, in repository: String, registry: String, push: Bool = true) async throws(RegistryError) -> Bool {
        let subject = "\(registry)/\(repository)@\(digest)"
        let response = try await send(
            Call(
                method: "HEAD", registry: registry, path: "/v2/\(repository)/blobs/\(digest)",
                scopes: [push ? Scope.push(repository) : Scope.pull(repository)], followRedirects: true, read: !push, subject: subject))
        await response.body.drain()
        if response.status == 404 { return false }
        try await expect(response, [200], subject: subject, action: "checking the blob")
        return true
    }

    /// `GET /v2/<name>/blobs/<digest>`: the response with the body still streaming, and its length.
    /// An image config tag discovery already read is handed out from memory instead (once).
    public func openBlob(
        _ digest: String, in repository: String, registry: String
    ) async throws(RegistryError)
        -> (body: ByteStream, length: Int64?)
    {
        if let bytes = memo.takeConfig(digest, repository: repository, registry: registry) {
            return (ByteStream.bytes(bytes), Int64(bytes.count))
        }
        let subject = "\(registry)/\(repository)@\(digest)"
        let response = try await send(
            Call(
                method: "GET", registry: registry, path: "/v2/\(repository)/blobs/\(digest)", scopes: [Scope.pull(repository)],
                followRedirects: true, streaming: true, subject: subject))
        try await expect(response, [200], subject: subject, action: "reading the blob")
        return (response.body, response.header("Content-Length").flatMap { Int64($0) })
    }

    /// A whole small blob (an image config), checked against its digest.
    public func blobBytes(_ digest: String, in repository: String, registry: String, limit: Int = 16 << 20) async throws(RegistryError) -> [UInt8] {
        let (body, _) = try await openBlob(digest, in: repository, registry: registry)
        let bytes: [UInt8]
        do {
            bytes = try await body.collect(limit: limit)
        } catch {
            throw .transport("\(registry)/\(repository)@\(digest): reading the blob: \(error)")
        }
        if digest.hasPrefix("sha256:"), SHA256.digest(bytes) != digest {
            throw .digestMismatch("\(registry)/\(repository)@\(digest): the blob's content does not match its digest")
        }
        return bytes
    }

    /// `POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<repo>` (query parameters, as the API
    /// specifies; tripleo-common sends them as a form body, which registries ignore).
    public func mountBlob(
        _ digest: String, into repository: String, from source: String, registry: String
    ) async throws(RegistryError)
        -> MountResult
    {
        let subject = "\(registry)/\(repository)@\(digest)"
        let path = "/v2/\(repository)/blobs/uploads/?mount=\(URLParts.percentEncode(digest))&from=\(URLParts.percentEncode(source))"
        let response = try await send(
            Call(
                method: "POST", registry: registry, path: path, headers: [(name: "Content-Length", value: "0")], body: .bytes([]),
                scopes: [Scope.push(repository), Scope.pull(source)], read: false, subject: subject))
        if response.status == 201 {
            await response.body.drain()
            return .mounted
        }
        try await expect(response, [202], subject: subject, action: "mounting the blob from \(source)")
        await response.body.drain()
        guard let location = response.header("Location") else {
            throw .invalidResponse("\(subject): the registry opened an upload without a Location")
        }
        return .uploadStarted(location: await absolute(location, registry: registry))
    }

    /// `POST /v2/<name>/blobs/uploads/`: the new upload session's URL.
    public func startUpload(into repository: String, registry: String) async throws(RegistryError) -> String {
        let subject = "\(registry)/\(repository)"
        let response = try await send(
            Call(
                method: "POST", registry: registry, path: "/v2/\(repository)/blobs/uploads/", headers: [(name: "Content-Length", value: "0")],
                body: .bytes([]), scopes: [Scope.push(repository)], read: false, subject: subject))
        try await expect(response, [202], subject: subject, action: "starting a blob upload")
        await response.body.drain()
        guard let location = response.header("Location") else {
            throw .invalidResponse("\(subject): the registry opened an upload without a Location")
        }
        return await absolute(location, registry: registry)
    }

    /// Sends a blob's bytes to an upload session and completes it with `digest`.
    public func upload(
        _ body: RequestBody, length: Int64, to location: String, digest: String, repository: String, registry: String,
        mode: UploadMode = .monolithic
    ) async throws(RegistryError) {
        let subject = "\(registry)/\(repository)@\(digest)"
        var location = location
        if mode == .patchThenPut {
            let response = try await send(
                Call(
                    method: "PATCH", registry: registry, path: location,
                    headers: [(name: "Content-Type", value: "application/octet-stream"), (name: "Content-Length", value: String(length))],
                    body: body, scopes: [Scope.push(repository)], read: false, streaming: true, subject: subject))
            try await expect(response, [202, 204], subject: subject, action: "uploading the blob")
            await response.body.drain()
            if let next = response.header("Location") { location = await absolute(next, registry: registry) }
            let done = try await send(
                Call(
                    method: "PUT", registry: registry, path: URLParts.appendingQuery(location, "digest", digest),
                    headers: [(name: "Content-Length", value: "0")], body: .bytes([]), scopes: [Scope.push(repository)], read: false,
                    subject: subject))
            try await expect(done, [201, 204], subject: subject, action: "completing the blob upload")
            await done.body.drain()
            return
        }
        let response = try await send(
            Call(
                method: "PUT", registry: registry, path: URLParts.appendingQuery(location, "digest", digest),
                headers: [(name: "Content-Type", value: "application/octet-stream"), (name: "Content-Length", value: String(length))],
                body: body, scopes: [Scope.push(repository)], read: false, streaming: true, subject: subject))
        try await expect(response, [201, 204], subject: subject, action: "uploading the blob")
        await response.body.drain()
    }

    /// An upload `Location` made absolute against the registry's endpoint.
    func absolute(_ location: String, registry: String) async -> String {
        if URLParts(location) != nil { return location }
        let endpoint = await endpoints.endpoint(for: registry, forReading: false)
        return URLParts.resolve(location, against: endpoint.base + "/v2/")
    }
}
