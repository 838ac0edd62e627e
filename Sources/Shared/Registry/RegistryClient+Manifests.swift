/// Manifests: read (GET with the formats this client understands), compare (HEAD), write (PUT the
/// bytes unchanged with their own media type).
extension RegistryClient {
    /// `GET /v2/<name>/manifests/<reference>`.
    /// - Parameter accept: the media types to ask for (``MediaType/acceptImage`` or ``MediaType/acceptAll``).
    /// - Throws: ``RegistryError/notFound(_:)`` when there is no such manifest.
    /// An image manifest this run already read under the tag (tag discovery) is not read again.
    public func manifest(_ image: ImageReference, accept: [String] = MediaType.acceptImage) async throws(RegistryError) -> Manifest {
        if let known = memo.manifest(for: image), accept.contains(known.mediaType) { return known }
        let response = try await send(
            Call(
                method: "GET", registry: image.registry, path: "/v2/\(image.repository)/manifests/\(image.reference)",
                headers: [(name: "Accept", value: accept.joined(separator: ", "))], scopes: [Scope.pull(image.repository)],
                subject: image.description))
        if response.status == 404 {
            await response.body.drain()
            throw .notFound("Not found image: docker://\(image)")
        }
        try await expect(response, [200], subject: image.description, action: "reading the manifest")
        let bytes: [UInt8]
        do {
            bytes = try await response.body.collect(limit: 8 << 20)
        } catch {
            throw .transport("\(image): reading the manifest: \(error)")
        }
        let manifest = try Manifest(
            bytes: bytes, contentType: response.header("Content-Type"), headerDigest: response.header("Docker-Content-Digest"),
            subject: image.description)
        if image.isDigest, manifest.kind != .schema1, manifest.digest != image.reference {
            throw .digestMismatch("\(image): the registry sent a manifest whose digest is \(manifest.digest)")
        }
        return manifest
    }

    /// `HEAD /v2/<name>/manifests/<reference>`: the manifest's digest, or `nil` when there is none.
    /// - Parameter push: ask with the push scope (the destination of a copy: one token for all its calls).
    public func manifestDigest(
        _ image: ImageReference, accept: [String] = MediaType.acceptAll, push: Bool = false
    )
        async throws(RegistryError) -> String?
    {
        let response = try await send(
            Call(
                method: "HEAD", registry: image.registry, path: "/v2/\(image.repository)/manifests/\(image.reference)",
                headers: [(name: "Accept", value: accept.joined(separator: ", "))],
                scopes: [push ? Scope.push(image.repository) : Scope.pull(image.repository)], read: !push, subject: image.description))
        await response.body.drain()
        if response.status == 404 { return nil }
        try await expect(response, [200], subject: image.description, action: "checking the manifest")
        return response.header("Docker-Content-Digest")
    }

    /// `PUT /v2/<name>/manifests/<reference>` with the manifest's own bytes and media type.
    /// Returns the digest the registry reports (or the manifest's).
    @discardableResult
    public func putManifest(_ manifest: Manifest, to image: ImageReference) async throws(RegistryError) -> String {
        let response = try await send(
            Call(
                method: "PUT", registry: image.registry, path: "/v2/\(image.repository)/manifests/\(image.reference)",
                headers: [(name: "Content-Type", value: manifest.mediaType)], body: .bytes(manifest.bytes),
                scopes: [Scope.push(image.repository)], read: false, subject: image.description))
        try await expect(response, [200, 201, 202], subject: image.description, action: "pushing the manifest (\(manifest.mediaType))")
        await response.body.drain()
        return response.header("Docker-Content-Digest") ?? manifest.digest
    }
}
