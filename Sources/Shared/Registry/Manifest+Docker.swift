import JSON

/// OCI → Docker schema 2, for destinations that refuse OCI manifests (tripleo-common converts every
/// OCI manifest, LP#1860585; here it is only the fallback, because it changes the digest).
extension Manifest {
    /// The Docker schema 2 form of an OCI image manifest: Docker media types for the manifest, its
    /// config and its layers; everything else kept. `nil` for anything but an OCI image manifest.
    /// - Throws: ``RegistryError/unsupported(_:)`` for layers Docker schema 2 cannot describe (zstd).
    public func dockerSchema2() throws(RegistryError) -> Manifest? {
        guard kind == .image, mediaType == MediaType.ociManifest, case .object(let object)? = try? JSONParser().parse(bytes) else {
            return nil
        }
        let layerTypes = [
            "application/vnd.oci.image.layer.v1.tar+gzip": "application/vnd.docker.image.rootfs.diff.tar.gzip",
            "application/vnd.oci.image.layer.v1.tar": "application/vnd.docker.image.rootfs.diff.tar",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip": "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
        ]
        var converted = JSONObject()
        converted["schemaVersion"] = .int(2)
        converted["mediaType"] = .string(MediaType.dockerManifest)
        for (key, value) in object where key != "schemaVersion" && key != "mediaType" {
            switch key {
            case "config":
                var config = value.objectValue ?? JSONObject()
                config["mediaType"] = .string(MediaType.dockerConfig)
                converted[key] = .object(config)
            case "layers":
                var layers: [JSONValue] = []
                for layer in value.arrayValue ?? [] {
                    var entry = layer.objectValue ?? JSONObject()
                    let type = entry["mediaType"]?.stringValue ?? ""
                    guard let docker = layerTypes[type] else {
                        throw .unsupported("a layer of type \(type) has no Docker schema 2 equivalent")
                    }
                    entry["mediaType"] = .string(docker)
                    layers.append(.object(entry))
                }
                converted[key] = .array(layers)
            default:
                converted[key] = value
            }
        }
        let bytes = Array(JSONWriter(indent: 3).write(.object(converted)).utf8)
        return try Manifest(bytes: bytes, contentType: MediaType.dockerManifest, subject: "converted manifest")
    }
}
