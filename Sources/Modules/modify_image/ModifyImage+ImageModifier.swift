import DockerEngine
public import ImageCopy
import JSON
import ModuleKit

/// `modify_role` for `container_image_prepare`'s copier: runs this module on a copied image the way
/// tripleo-common runs the role (`modify_vars` plus `source_image`, `target_image` (both the
/// unmodified copy), `modified_append_tag`; those four cannot be overridden), and pushes the result.
/// Options of the role this module does not have (`compare_host_packages`, `yum_cache`, …) are ignored.
public struct ModifyImageModifier: ImageModifier {
    /// The roles this modifier stands in for.
    public static let roles: Set<String> = ["tripleo-modify-image", "tripleo_modify_image", "overcloud.containers.modify_image", "modify_image"]
    /// Where the engine listens (`nil`: the local Docker socket).
    public var dockerHost: String?

    /// - Parameter dockerHost: `unix:///PATH`, `/PATH` or `tcp://HOST:PORT`; `nil` for `/var/run/docker.sock`.
    public init(dockerHost: String? = nil) {
        self.dockerHost = dockerHost
    }

    public func modify(_ request: ModifyRequest) async throws {
        let result = ModuleExecution.run(
            ModifyImage.self, Invocation(try Self.arguments(for: request, dockerHost: dockerHost)), files: LocalFileSystem())
        if result["failed"]?.boolValue == true {
            throw ModifyFailure(image: request.targetImage, message: result["msg"]?.stringValue ?? "modify_image failed")
        }
    }

    /// `docker rmi` of each image (tripleo-common's `buildah rmi`), in order.
    public func removeLocalImages(_ images: [String]) async -> [String] {
        guard !images.isEmpty, let engine = try? EngineEndpoint.connect(host: dockerHost, timeoutSeconds: 120) else { return [] }
        return images.filter { (try? engine.removeImage($0)) != nil }
    }

    /// The module arguments for `request`.
    /// - Throws: `ModifyFailure` for a role this module does not implement or `modify_vars` that is not a mapping.
    static func arguments(for request: ModifyRequest, dockerHost: String?) throws -> JSONObject {
        guard roles.contains(request.role) else {
            throw ModifyFailure(
                image: request.targetImage,
                message: "modify_role '\(request.role)' is not supported: only tripleo-modify-image (run by the modify_image module)")
        }
        var object = JSONObject()
        switch request.vars {
        case .object(let vars)?: object = vars
        case nil, .null?: break
        default: throw ModifyFailure(image: request.targetImage, message: "modify_vars must be a mapping")
        }
        object["source_image"] = .string(request.sourceImage)
        object["target_image"] = .string(request.sourceImage)
        object["modified_append_tag"] = .string(request.appendTag)
        object["push"] = .bool(true)
        object["force"] = .bool(true)  // the copier has already found the target missing
        if let dockerHost { object["docker_host"] = .string(dockerHost) }
        object["_ansible_module_name"] = .string(ModifyImage.name)
        object["_ansible_ignore_unknown_opts"] = .bool(true)
        return object
    }
}

/// A modification that failed, with the module's message.
public struct ModifyFailure: Error, Equatable, CustomStringConvertible {
    /// The image that was to be built.
    public var image: String
    /// Why it was not.
    public var message: String

    public var description: String { "modifying \(image) failed: \(message)" }
}
