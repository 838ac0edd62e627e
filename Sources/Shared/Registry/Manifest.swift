import Digest
public import JSON

/// A blob or manifest reference inside a manifest.
public struct Descriptor: Sendable, Hashable {
    /// `sha256:<hex>`.
    public var digest: String
    /// Bytes (0 when the manifest does not say: schema 1).
    public var size: Int64
    /// The media type, if given.
    public var mediaType: String?
    /// `platform.architecture`/`platform.os` of a list entry (`amd64`, `linux`).
    public var platform: (architecture: String, os: String)?
    /// Foreign layers name external `urls`: such blobs are not copied (registries do not hold them).
    public var isForeign: Bool

    /// A descriptor.
    public init(digest: String, size: Int64, mediaType: String? = nil, platform: (architecture: String, os: String)? = nil, isForeign: Bool = false) {
        self.digest = digest
        self.size = size
        self.mediaType = mediaType
        self.platform = platform
        self.isForeign = isForeign
    }

    public static func == (lhs: Descriptor, rhs: Descriptor) -> Bool {
        lhs.digest == rhs.digest && lhs.size == rhs.size && lhs.mediaType == rhs.mediaType
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(digest) }
}

/// A manifest exactly as the registry sent it (the bytes are what gets pushed, so digests stay equal)
/// plus what the copier needs from it.
public struct Manifest: Sendable {
    /// The kind of manifest.
    public enum Kind: Sendable, Equatable {
        /// One image: config + layers (Docker schema 2 or OCI).
        case image
        /// Per-platform manifests (Docker manifest list or OCI index).
        case list
        /// Docker schema 1: layers in `fsLayers` (reversed), config in `history[0].v1Compatibility`.
        case schema1
    }

    /// The bytes as received.
    public var bytes: [UInt8]
    /// The media type (the body's `mediaType`, else the `Content-Type`, else inferred).
    public var mediaType: String
    /// `sha256` of ``bytes`` (for schema 1, the registry's `Docker-Content-Digest` when sent).
    public var digest: String
    /// What it is.
    public var kind: Kind
    /// The config blob (images).
    public var config: Descriptor?
    /// The layers, base first.
    public var layers: [Descriptor]
    /// The platform manifests (lists).
    public var children: [Descriptor]
    /// Schema 1's config (`history[0].v1Compatibility` parsed).
    public var schema1Config: JSONObject?

    /// Parses `bytes`.
    /// - Parameters:
    ///   - contentType: the response's `Content-Type`.
    ///   - headerDigest: the response's `Docker-Content-Digest`.
    /// - Throws: ``RegistryError/invalidResponse(_:)`` for anything but a manifest.
    public init(bytes: [UInt8], contentType: String?, headerDigest: String? = nil, subject: String) throws(RegistryError) {
        guard case .object(let object)? = try? JSONParser().parse(bytes) else {
            throw .invalidResponse("\(subject): the manifest is not a JSON object")
        }
        self.bytes = bytes
        let declared = object["mediaType"]?.stringValue
        let header = contentType.map { $0.split(separator: ";").first.map { String($0).trimmingCharacters(in: " ") } ?? $0 }
        let schemaVersion = object["schemaVersion"]?.intValue
        let knownHeader = header.flatMap { MediaType.acceptAll.contains($0) ? $0 : nil }
        var type = declared ?? knownHeader ?? ""
        if schemaVersion == 1 && !MediaType.isSchema1(type) { type = MediaType.dockerSchema1Signed }
        if type.isEmpty {
            if object["manifests"] != nil {
                type = MediaType.ociIndex
            } else {
                type =
                    object["config"]?.objectValue?["mediaType"]?.stringValue == MediaType.dockerConfig
                    ? MediaType.dockerManifest : MediaType.ociManifest
            }
        }
        mediaType = type
        let computed = SHA256.digest(bytes)
        digest = MediaType.isSchema1(type) ? (headerDigest ?? computed) : computed
        layers = []
        children = []
        if MediaType.isSchema1(type) {
            kind = .schema1
            let sums = object["fsLayers"]?.arrayValue?.compactMap { $0.objectValue?["blobSum"]?.stringValue } ?? []
            var seen: Set<String> = []
            for sum in sums.reversed() where seen.insert(sum).inserted { layers.append(Descriptor(digest: sum, size: 0)) }
            if let text = object["history"]?.arrayValue?.first?.objectValue?["v1Compatibility"]?.stringValue,
                case .object(let config)? = try? JSONParser().parse(text)
            {
                schema1Config = config
            }
        } else if MediaType.isList(type) || object["manifests"] != nil {
            kind = .list
            for entry in object["manifests"]?.arrayValue ?? [] {
                guard let d = try Self.descriptor(entry, subject: subject) else { continue }
                children.append(d)
            }
        } else {
            kind = .image
            guard let config = try Self.descriptor(object["config"] ?? .null, subject: subject) else {
                throw .invalidResponse("\(subject): the manifest has no config")
            }
            self.config = config
            for entry in object["layers"]?.arrayValue ?? [] {
                if let d = try Self.descriptor(entry, subject: subject) { layers.append(d) }
            }
        }
    }

    private static func descriptor(_ value: JSONValue, subject: String) throws(RegistryError) -> Descriptor? {
        guard let object = value.objectValue else { return nil }
        guard let digest = object["digest"]?.stringValue, digest.hasPrefix("sha256:") || digest.hasPrefix("sha512:") else {
            throw .invalidResponse("\(subject): a manifest entry has no usable digest")
        }
        let size: Int64 =
            switch object["size"] {
            case .int(let n)?: Int64(n)
            case .double(let d)?: Int64(d)
            default: 0
            }
        var platform: (String, String)?
        if let p = object["platform"]?.objectValue {
            platform = (p["architecture"]?.stringValue ?? "", p["os"]?.stringValue ?? "")
        }
        let foreign = !(object["urls"]?.arrayValue ?? []).isEmpty
        return Descriptor(digest: digest, size: size, mediaType: object["mediaType"]?.stringValue, platform: platform, isForeign: foreign)
    }

    /// Every blob the image needs in the destination repository (config first; foreign layers left out).
    public var blobs: [Descriptor] {
        var result: [Descriptor] = []
        var seen: Set<String> = []
        for blob in (config.map { [$0] } ?? []) + layers where !blob.isForeign && seen.insert(blob.digest).inserted {
            result.append(blob)
        }
        return result
    }

    /// The list entry for `linux/amd64` (else the first), as a registry picks for a client that
    /// cannot read lists.
    public var defaultChild: Descriptor? {
        children.first { $0.platform?.architecture == "amd64" && $0.platform?.os == "linux" } ?? children.first
    }
}
