import Digest

/// The content hash kept as an image label: the rendered Dockerfile and context files (names, modes,
/// bytes), the parent's hash (or the external base image's id), the build args and the content
/// labels. Times (`created`, `build-date`) are left out, so an unchanged tree hashes the same.
struct ContentHash {
    /// The label that carries it.
    static let label = "org.overcloud.image-build.hash"
    private var sha = SHA256()

    init() {
        field("overcloud.image_build", "1")
    }

    /// Adds a named text field.
    mutating func field(_ name: String, _ value: String) {
        bytes(Array(name.utf8))
        bytes(Array(value.utf8))
    }

    /// Adds a context file.
    mutating func file(_ path: String, permissions: UInt32, contents: [UInt8]) {
        field("file", path)
        field("mode", String(permissions & 0o7777, radix: 8))
        bytes(contents)
    }

    /// Adds a sorted map (build args, labels).
    mutating func map(_ name: String, _ values: [String: String]) {
        field(name, String(values.count))
        for key in values.keys.sorted() { field(key, values[key] ?? "") }
    }

    /// Length-prefixed, so no two inputs run together.
    private mutating func bytes(_ data: [UInt8]) {
        sha.update(Array(String(data.count).utf8) + [0x3A])
        sha.update(data)
    }

    /// `sha256:<hex>`.
    mutating func finish() -> String {
        "sha256:" + Hex.encode(sha.finalize())
    }
}
