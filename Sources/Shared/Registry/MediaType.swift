/// The manifest and config media types of the Docker and OCI image formats.
public enum MediaType {
    /// Docker image manifest, schema 2.
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    /// Docker manifest list (multi-arch).
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    /// Docker schema 1 (signed); read only.
    public static let dockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws"
    /// Docker schema 1 (unsigned); read only.
    public static let dockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json"
    /// OCI image manifest.
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    /// OCI image index (multi-arch).
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    /// Docker image config.
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"

    /// `Accept` for one image: schema 2 and OCI manifests (schema 1 last, for old registries).
    public static let acceptImage = [dockerManifest, ociManifest, dockerSchema1Signed, dockerSchema1]
    /// `Accept` for a multi-arch copy: lists and indexes too.
    public static let acceptAll = [dockerManifestList, ociIndex] + acceptImage

    /// Whether `type` is a list of per-platform manifests.
    public static func isList(_ type: String) -> Bool { type == dockerManifestList || type == ociIndex }

    /// Whether `type` is schema 1.
    public static func isSchema1(_ type: String) -> Bool { type == dockerSchema1Signed || type == dockerSchema1 }
}
