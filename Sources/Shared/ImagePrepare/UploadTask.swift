public import YAML

/// One image to copy (and maybe modify): what tripleo-common's `ImageUploadManager.upload` would turn
/// into an `UploadTask`. Evaluation only lists these; copying is the copier's job.
public struct UploadTask: Sendable, Equatable {
    /// The role run on the image before it is pushed (tripleo-modify-image's interface).
    public struct Modification: Sendable, Equatable {
        /// `modify_role`.
        public var role: String
        /// Appended verbatim to the tag of the pushed image (`latest` + `-hotfix`); may be empty.
        public var appendTag: String
        /// `modify_vars` (`nil` when not given).
        public var vars: YAMLValue?

        /// A modification.
        public init(role: String, appendTag: String, vars: YAMLValue?) {
            self.role = role
            self.appendTag = appendTag
            self.vars = vars
        }
    }

    /// The prepared name (after tag discovery): `quay.io/t/openstack-nova-api:17.1.0-42`.
    public var imagename: String
    /// The map item's `image_source`.
    public var imageSource: String
    /// Where the image is pulled from: `pull_source` + `/` + name without tag, `:` tag.
    public var sourceImage: String
    /// The registry pushed to, as given (`push_destination`, or the undercloud registry when the entry
    /// has none: tripleo-common uploads entries with only `modify_role`/`pull_source` there).
    public var pushDestination: String
    /// `push_destination` + `/` + the source repository minus its first path segment, `:` tag + append tag.
    public var targetImage: String
    /// The deprecated `pull_source`, if given.
    public var pullSource: String?
    /// What to modify, when the entry's modify filters select this image.
    public var modification: Modification?
    /// Copy every architecture (manifest lists); tripleo-common refuses to modify such an image.
    public var multiArch: Bool
    /// The `ContainerImagePrepare` entry (0-based) the task comes from.
    public var entry: Int

    /// Builds the task as `UploadTask.__init__` names things.
    public init(
        imagename: String, imageSource: String, pullSource: String?, pushDestination: String,
        modification: Modification?, multiArch: Bool, entry: Int
    ) {
        self.imagename = imagename
        self.imageSource = imageSource
        self.pullSource = pullSource
        self.modification = modification
        self.multiArch = multiArch
        self.entry = entry
        let split = imagename.pythonRPartition(":")
        let (image, sourceTag) = split.found ? (split.head, split.tail) : (imagename, "latest")
        var repo = image
        if let pullSource { repo = (pullSource.hasSuffix("/") ? String(pullSource.dropLast()) : pullSource) + "/" + image }
        let destination = pushDestination.hasSuffix("/") ? String(pushDestination.dropLast()) : pushDestination
        self.pushDestination = pushDestination
        sourceImage = repo + ":" + sourceTag
        targetImage = destination + "/" + repo.pythonPartition("/").tail + ":" + sourceTag + (modification?.appendTag ?? "")
    }

    /// The task as a mapping (the module's `uploads` result).
    public var yaml: YAMLValue {
        var pairs: [YAMLPair] = [
            YAMLPair("imagename", .string(imagename)), YAMLPair("image_source", .string(imageSource)),
            YAMLPair("source_image", .string(sourceImage)), YAMLPair("target_image", .string(targetImage)),
            YAMLPair("push_destination", .string(pushDestination)),
        ]
        if let pullSource { pairs.append(YAMLPair("pull_source", .string(pullSource))) }
        if let modification {
            pairs.append(YAMLPair("modify_role", .string(modification.role)))
            pairs.append(YAMLPair("modify_append_tag", .string(modification.appendTag)))
            if let vars = modification.vars { pairs.append(YAMLPair("modify_vars", vars)) }
        }
        pairs.append(YAMLPair("multi_arch", .bool(multiArch)))
        pairs.append(YAMLPair("entry", YAMLValue(entry)))
        return .mapping(pairs)
    }
}
