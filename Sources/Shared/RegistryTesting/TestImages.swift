import Digest
import Foundation
public import JSON
public import Registry
public import Synchronization

/// Test support: builds images in a ``FakeNetwork`` registry: config with labels, layers, Docker or OCI manifest.
public struct TestImage {
    public var layers: [[UInt8]]
    public var labels: [(String, String)] = []
    public var oci = false
    public var architecture = "amd64"

    /// An image of `layers` with config `labels`.
    public init(layers: [[UInt8]], labels: [(String, String)] = [], oci: Bool = false, architecture: String = "amd64") {
        self.layers = layers
        self.labels = labels
        self.oci = oci
        self.architecture = architecture
    }

    public var config: [UInt8] {
        let labelObject = JSONObject(labels.map { ($0.0, JSONValue.string($0.1)) })
        return Array(
            JSONWriter().write(
                .object([
                    "architecture": .string(architecture), "os": "linux", "config": .object(["Labels": .object(labelObject)]),
                ])
            ).utf8)
    }

    public var manifest: [UInt8] {
        let layerType = oci ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.docker.image.rootfs.diff.tar.gzip"
        let configType = oci ? "application/vnd.oci.image.config.v1+json" : MediaType.dockerConfig
        var object: JSONObject = [
            "schemaVersion": 2,
            "config": .object(["mediaType": .string(configType), "size": .int(config.count), "digest": .string(SHA256.digest(config))]),
            "layers": .array(
                layers.map { .object(["mediaType": .string(layerType), "size": .int($0.count), "digest": .string(SHA256.digest($0))]) }),
        ]
        if !oci { object["mediaType"] = .string(MediaType.dockerManifest) }
        // Three-space indentation, as tripleo-common writes: bytes that a re-serialisation would change.
        return Array(JSONWriter(indent: 3).write(.object(object)).utf8)
    }

    public var mediaType: String { oci ? MediaType.ociManifest : MediaType.dockerManifest }
    public var digest: String { SHA256.digest(manifest) }

    /// Stores blobs and manifest under `repo:tag`.
    @discardableResult
    public func push(to network: FakeNetwork, host: String, repo: String, tag: String?) -> String {
        _ = network.seedBlob(config, host: host, repo: repo)
        for layer in layers { _ = network.seedBlob(layer, host: host, repo: repo) }
        network.seedManifest(manifest, type: mediaType, host: host, repo: repo, tag: tag)
        return digest
    }

    /// A layer of `size` bytes derived from `seed`.
    public static func layer(_ seed: Int, size: Int = 3000) -> [UInt8] {
        (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed &* 7 &+ ($0 >> 8)) }
    }
}

/// A manifest list over platform images.
public func pushList(_ images: [TestImage], oci: Bool, network: FakeNetwork, host: String, repo: String, tag: String) -> String {
    var entries: [JSONValue] = []
    for image in images {
        image.push(to: network, host: host, repo: repo, tag: nil)
        entries.append(
            .object([
                "mediaType": .string(image.mediaType), "size": .int(image.manifest.count), "digest": .string(image.digest),
                "platform": .object(["architecture": .string(image.architecture), "os": "linux"]),
            ]))
    }
    var object: JSONObject = ["schemaVersion": 2, "manifests": .array(entries)]
    object["mediaType"] = .string(oci ? MediaType.ociIndex : MediaType.dockerManifestList)
    let bytes = Array(JSONWriter(indent: 2).write(.object(object)).utf8)
    network.seedManifest(bytes, type: oci ? MediaType.ociIndex : MediaType.dockerManifestList, host: host, repo: repo, tag: tag)
    return SHA256.digest(bytes)
}

/// Records backoff waits instead of sleeping.
public final class SleepRecorder: Sendable {
    private let waits = Mutex<[Double]>([])
    public init() {}
    public var recorded: [Double] { waits.withLock { $0 } }
    public var policy: RetryPolicy { RetryPolicy(sleep: { [self] seconds in waits.withLock { $0.append(seconds) } }) }
}

/// Runs synchronous code that blocks on async work (a module run, the label source) on a thread of
/// its own, so the test never blocks a thread of the concurrency pool (which the work needs).
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
