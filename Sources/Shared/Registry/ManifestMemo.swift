import Synchronization

/// Manifests and image configs already read in this run (by tag discovery), so the copy that
/// follows does not read them again: tag → digest, digest → image manifest, digest → config bytes.
/// Only single-platform image manifests are kept: those are the same bytes whatever `Accept` asks.
final class ManifestMemo: Sendable {
    private struct State {
        var digests: [String: String] = [:]
        var manifests: [String: Manifest] = [:]
        var configs: [String: [UInt8]] = [:]
    }

    private let state = Mutex<State>(State())

    /// Remembers `manifest` as what `image` (a tag) names.
    func remember(_ manifest: Manifest, for image: ImageReference) {
        guard manifest.kind == .image else { return }
        let repository = Self.repository(image)
        state.withLock {
            $0.manifests[repository + "@" + manifest.digest] = manifest
            if !image.isDigest { $0.digests[image.description] = manifest.digest }
        }
    }

    /// Records that the tag `image` names `digest` (a HEAD answered it).
    func tag(_ image: ImageReference, is digest: String) {
        guard !image.isDigest else { return }
        state.withLock { $0.digests[image.description] = digest }
    }

    /// The image manifest the tag `image` was last seen naming, when it was read in full.
    func manifest(for image: ImageReference) -> Manifest? {
        guard !image.isDigest else { return nil }
        let repository = Self.repository(image)
        return state.withLock { state in state.digests[image.description].flatMap { state.manifests[repository + "@" + $0] } }
    }

    /// Keeps a config blob's bytes (already checked against `digest`).
    func rememberConfig(_ bytes: [UInt8], digest: String, repository: String, registry: String) {
        state.withLock { $0.configs[registry + "/" + repository + "@" + digest] = bytes }
    }

    /// A config blob read before, handed out once (the copy needs it once).
    func takeConfig(_ digest: String, repository: String, registry: String) -> [UInt8]? {
        state.withLock { $0.configs.removeValue(forKey: registry + "/" + repository + "@" + digest) }
    }

    private static func repository(_ image: ImageReference) -> String { image.registry + "/" + image.repository }
}
