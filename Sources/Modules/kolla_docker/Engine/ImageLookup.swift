import DockerEngine
import Platform

/// Image inspections remembered for one run: the containers of a bulk reconcile mostly share
/// their images, so each image is inspected once instead of twice per container. Used only for
/// comparing; pulls and "is it there?" before a pull always ask the daemon.
final class ImageLookup: Sendable {
    private let known = Locked<[String: ImageInspect?]>([:])

    /// The image called `name` (a reference or an id), or `nil` when the daemon has none.
    func image(named name: String, on engine: EngineClient) throws -> ImageInspect? {
        if let cached = known.withLock({ $0[name] }) { return cached }
        let fetched = try engine.image(named: name)
        known.withLock { $0[name] = .some(fetched) }
        return fetched
    }
}
