public import JSON
public import Registry

/// One image to copy from a source registry to a destination registry.
public struct CopyJob: Sendable {
    /// Where the image is read (`quay.io/t/openstack-nova-api:17.1`).
    public var source: ImageReference
    /// Where it is written (`192.168.24.1:8787/t/openstack-nova-api:17.1`); for a modified image,
    /// the unmodified copy's name (the source tag), see ``modification``.
    public var target: ImageReference
    /// Copy every architecture of a manifest list (else the linux/amd64 image only).
    public var multiArch: Bool
    /// Modify the copied image afterwards (`modify_role`).
    public var modification: ModifyRequest?

    /// A job.
    public init(source: ImageReference, target: ImageReference, multiArch: Bool = false, modification: ModifyRequest? = nil) {
        self.source = source
        self.target = target
        self.multiArch = multiArch
        self.modification = modification
    }
}

/// What `modify_role` asks for one image (tripleo-modify-image's interface): the unmodified copy
/// `sourceImage` is turned into `targetImage` (= `sourceImage` + `appendTag`), which the modifier pushes.
public struct ModifyRequest: Sendable, Equatable {
    /// The role (`tripleo-modify-image`, or a user's).
    public var role: String
    /// `modify_vars`, passed to the role.
    public var vars: JSONValue?
    /// The unmodified image in the destination registry.
    public var sourceImage: String
    /// The modified image to produce and push.
    public var targetImage: String
    /// `modify_append_tag`.
    public var appendTag: String
    /// The run's `cleanup` (`full`: remove the unmodified and modified images from local storage after
    /// pushing; `partial`: only the unmodified one; `none`), for the modifier's local build images.
    public var cleanup: String

    /// A request.
    public init(role: String, vars: JSONValue?, sourceImage: String, targetImage: String, appendTag: String, cleanup: String = "full") {
        self.role = role
        self.vars = vars
        self.sourceImage = sourceImage
        self.targetImage = targetImage
        self.appendTag = appendTag
        self.cleanup = cleanup
    }

    /// What tripleo-common's `cleanup` removes from local storage once this modified image is pushed
    /// (`upload_image`'s `to_cleanup`): `full` the local unmodified copy and the modified image,
    /// `partial` only the unmodified copy, `none` nothing.
    public var localImagesToRemove: [String] {
        switch cleanup {
        case "full": return [sourceImage, targetImage]
        case "partial": return [sourceImage]
        default: return []
        }
    }
}

/// Runs `modify_role` on copied images: the seam the `modify_image` module implements. The copier
/// calls it after the unmodified image is in the destination registry.
public protocol ImageModifier: Sendable {
    /// Builds and pushes `request.targetImage` from `request.sourceImage`.
    /// - Throws: anything; the message becomes the image's failure (it must not contain secrets).
    func modify(_ request: ModifyRequest) async throws

    /// Removes `images` from the engine's local storage (`cleanup`, after every image of the run is
    /// done, as tripleo-common). Returns the ones removed; one that cannot be removed stays (in use,
    /// already gone): the image is in the registry by then, so that fails nothing.
    func removeLocalImages(_ images: [String]) async -> [String]
}

extension ImageModifier {
    /// A modifier without local storage removes nothing.
    public func removeLocalImages(_ images: [String]) async -> [String] { [] }
}
