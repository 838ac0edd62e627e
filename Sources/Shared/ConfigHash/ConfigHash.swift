import ContainerNotation
import Platform

/// TripleO's `TRIPLEO_CONFIG_HASH`: the checksums of the config volumes a container mounts, so a
/// container whose configuration changed gets a new environment, hence a new definition, hence is
/// recreated (paunch / tripleo_container_manage / kolla_docker compare the definition).
///
/// For each volume whose source lies under `prefix`, the "config base" is found by walking up until
/// the parent is `prefix` or `prefix/puppet-generated`; the bases are sorted (duplicates kept), each
/// base's `<base>.md5sum` is read (missing ones dropped) and the checksums are joined with `-`.
/// Example: sources `<p>/puppet-generated/nova/`, `<p>/nova/etc/my.cnf.d`, `<p>/puppet-generated/nova/etc/nova`
/// with `<p>/nova.md5sum = aaa` and `<p>/puppet-generated/nova.md5sum = bbb` give `aaa-bbb-bbb`.
public struct ConfigHash: Sendable {
    /// The environment variable that carries the hash.
    public static let variable = "TRIPLEO_CONFIG_HASH"

    /// The config-data root (`/var/lib/config-data`), without a trailing `/`.
    public let prefix: String

    /// - Parameter prefix: the config-data root; a trailing `/` is ignored.
    public init(prefix: String) {
        var trimmed = Substring(prefix)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        self.prefix = String(trimmed)
    }

    /// The config base of a mount source (`<prefix>/<vol>` or `<prefix>/puppet-generated/<vol>`), or
    /// `nil` when the source is not below `prefix`.
    ///
    /// Unlike TripleO's `get_config_base`, a source that merely starts with the same characters
    /// (`/var/lib/config-data-old/x`) is not below the prefix (TripleO raises `ValueError` there).
    public func configBase(ofSource source: String) -> String? {
        let generated = prefix + "/puppet-generated"
        var path = source
        while path.hasPrefix(prefix + "/") {
            let parent = Paths.pythonDirname(path)
            if parent == prefix || parent == generated { return path }
            if parent == path { return nil }
            path = parent
        }
        return nil
    }

    /// The sorted config bases of a definition's `volumes` (`source:dest[:mode]` strings; other
    /// entries are ignored), duplicates kept as TripleO keeps them.
    public func configBases(volumes: [String]) -> [String] {
        volumes.compactMap { volume in
            let source = VolumeSpec.source(of: volume)
            return configBase(ofSource: source)
        }.sorted()
    }

    /// The hash for a list of volumes, or `nil` when no mounted config volume has a checksum yet.
    /// - Parameters:
    ///   - volumes: the definition's `volumes` entries.
    ///   - checksum: reads `<base>.md5sum` for a base (the module passes a reader that strips the
    ///     newline and returns `nil` for a missing file).
    public func hash(volumes: [String], checksum: (String) -> String?) -> String? {
        let parts = configBases(volumes: volumes).compactMap { base in checksum(base).flatMap { $0.isEmpty ? nil : $0 } }
        return parts.isEmpty ? nil : parts.joined(separator: "-")
    }
}
