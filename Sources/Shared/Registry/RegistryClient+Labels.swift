public import JSON

/// Image config labels: manifest → config blob → `config.Labels` (schema 1: `history[0]`).
extension RegistryClient {
    /// The image's config labels in the config's order (empty when it has none).
    /// - Throws: ``RegistryError/notFound(_:)`` when there is no such image.
    public func labels(_ image: ImageReference) async throws(RegistryError) -> [(key: String, value: JSONValue)] {
        var manifest = try await manifest(image, accept: MediaType.acceptAll)
        memo.remember(manifest, for: image)
        if manifest.kind == .list {
            guard let child = manifest.defaultChild else { throw .notFound("Not found image: docker://\(image) (empty manifest list)") }
            manifest = try await self.manifest(image.with(reference: child.digest))
        }
        let config: JSONObject?
        switch manifest.kind {
        case .schema1: config = manifest.schema1Config
        case .list: config = nil
        case .image:
            guard let descriptor = manifest.config else { return [] }
            let bytes = try await blobBytes(descriptor.digest, in: image.repository, registry: image.registry)
            memo.rememberConfig(bytes, digest: descriptor.digest, repository: image.repository, registry: image.registry)
            guard case .object(let object)? = try? JSONParser().parse(bytes) else {
                throw .invalidResponse("\(image): the image config is not a JSON object")
            }
            config = object
        }
        guard let labels = config?["config"]?.objectValue?["Labels"]?.objectValue else { return [] }
        return labels.map { (key: $0.key, value: $0.value) }
    }
}

extension RegistryClient {
    /// Whether the tag exists (`HEAD` of its manifest: 200 or 404, no tag list needed). The digest it
    /// names is remembered, so a manifest read before under another tag with that digest is reused.
    public func tagExists(_ image: ImageReference) async throws(RegistryError) -> Bool {
        let response = try await send(
            Call(
                method: "HEAD", registry: image.registry, path: "/v2/\(image.repository)/manifests/\(image.reference)",
                headers: [(name: "Accept", value: MediaType.acceptAll.joined(separator: ", "))], scopes: [Scope.pull(image.repository)],
                subject: image.description))
        await response.body.drain()
        if response.status == 404 { return false }
        try await expect(response, [200], subject: image.description, action: "checking the tag")
        if let digest = response.header("Docker-Content-Digest") { memo.tag(image, is: digest) }
        return true
    }
}
