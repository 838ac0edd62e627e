import ContainerNotation

/// Image reference arithmetic: the target name (`<target or source><append tag>`), tag checks and
/// the registry host for credentials.
package enum ImageTag {
    /// tripleo-modify-image's `{{ target_image | default(source_image) }}{{ modified_append_tag }}`.
    /// A reference without a tag is read as `:latest` first, so the append tag always lands in the
    /// tag (upstream's plain concatenation would change the repository name instead).
    /// - Throws: `ModifyImageError.badReference` for a digest reference or an invalid resulting tag.
    static func target(base: String, appendTag: String) throws(ModifyImageError) -> String {
        guard !base.contains("@") else {
            throw .badReference("target_image", "\(base) is a digest reference; give target_image with a tag")
        }
        let (repository, tag) = split(base)
        let result = (tag ?? "latest") + appendTag
        guard isValidTag(result) else {
            throw .badReference(
                "modified_append_tag",
                "'\(result)' (tag '\(tag ?? "latest")' + '\(appendTag)') is not a valid image tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})")
        }
        return repository + ":" + result
    }

    /// (repository, tag) of a name without a digest (every caller strips or refuses `@` first); tag
    /// `nil` when there is none.
    package static func split(_ reference: String) -> (repository: String, tag: String?) {
        let name = ImageName(parsing: reference)
        return (name.repository, name.tag)
    }

    /// Docker's tag grammar: `[\w][\w.-]{0,127}`.
    static func isValidTag(_ tag: String) -> Bool {
        let bytes = Array(tag.utf8)
        guard let first = bytes.first, bytes.count <= 128 else { return false }
        func word(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F }
        return word(first) && bytes.dropFirst().allSatisfy { word($0) || $0 == 0x2E || $0 == 0x2D }
    }

    /// The registry host of a reference (`127.0.0.1:5000/ns/x:1` → `127.0.0.1:5000`), `docker.io` when
    /// the first path part is not a host.
    package static func registry(of reference: String) -> String { ImageName.dockerRegistry(of: reference) }
}
