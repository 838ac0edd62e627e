import ContainerNotation
import DockerEngine
import JSON
import ModuleKit

extension Worker {
    /// The `image` option ("" for actions that take none).
    var imageName: String { spec.image ?? "" }

    /// `pull_image`: pulls (logging in with `auth_*` when `auth_username` is set); changed when
    /// the local image id changed. Check mode cannot ask the registry: it predicts a pull only for
    /// a missing image.
    func pullImage() throws {
        let before = try engine.image(named: imageName)?.id
        guard !checkMode else {
            if before == nil { try step("Pulled image \(imageName)") {} }
            return
        }
        if let message = try pullFailure() {
            let reference = ImageName.kolla(imageName)
            if message.hasSuffix("not found") || message.contains("manifest unknown") {
                throw ModuleFailure(
                    "The requested image does not exist: \(reference.repository):\(reference.tag ?? "")", extra: ["error": .string(message)])
            }
            throw ModuleFailure("Unknown error message: \(message)")
        }
        let after: String?
        do {
            after = try engine.image(named: imageName)?.id
        } catch {
            record("Pulled image \(imageName)")  // pulled; whether the image changed cannot be told, so it counts
            throw error
        }
        if after != before { record("Pulled image \(imageName)") }
    }

    /// Pulls `image`; the registry's or daemon's message when the pull itself failed.
    private func pullFailure() throws -> String? {
        do {
            try engine.pullImage(imageName, auth: task.registryAuth)
            return nil
        } catch {
            guard case .pullFailed(_, let message) = error else { throw error }
            return message
        }
    }

    /// `ensure_image`: pulls only when the image is not present locally.
    func ensureImage() throws {
        if try engine.image(named: imageName) == nil { try pullImage() }
    }

    /// `remove_image`: removes the image if present.
    func removeImage() throws {
        guard try engine.image(named: imageName) != nil else { return }
        do {
            try step("Removed image \(imageName)") { try engine.removeImage(imageName) }
        } catch let error as EngineError {
            switch error {
            case .conflict: throw ModuleFailure("Image '\(imageName)' is currently in-use")
            case .api(let status, let message) where status >= 500:
                throw ModuleFailure("Server error", extra: ["error": .string(message)])
            default: throw error
            }
        }
    }

    /// `compare_image`: whether the container runs something other than `image` (Kolla: never `changed`).
    func compareImage() throws -> Bool {
        guard let container = try engine.container(named: spec.name) else { return true }
        guard let image = try engine.image(named: imageName) else { return true }
        var current = container.config.image ?? ""
        if try flavor() == .podman { current = PodmanInspect.imageName(current, as: imageName) }  // its inspect, read in Docker's shape
        return image.id != container.imageID || ImageName.kolla(current) != ImageName.kolla(imageName)
    }
}
