public import YAML

/// An image map: which images exist, how their names are built and which heat parameters receive
/// them, plus the default `ContainerImagePrepare` that goes with it. Built-in: ``builtinNames``;
/// a user's file has the same YAML shape (see `ImageMap+Loading.swift`).
public struct ImageMap: Sendable {
    /// `18`, `rocky`, or the path of the user's file.
    public var name: String
    /// The default `ContainerImagePrepare` list (used when the environment has none, and by `default` mode).
    public var defaultPrepare: [YAMLValue]
    /// Every item, in template order.
    public var images: [ImageTemplate]

    /// A map.
    public init(name: String, defaultPrepare: [YAMLValue], images: [ImageTemplate]) {
        self.name = name
        self.defaultPrepare = defaultPrepare
        self.images = images
    }

    /// The default `set` (`defaultPrepare[0].set`): what every entry's `set` is completed from.
    public var defaultSet: [(key: String, value: YAMLValue)] {
        guard let first = defaultPrepare.first, let pairs = first["set"]?.mappingPairs else { return [] }
        return pairs.compactMap { pair in pair.key.stringValue.map { ($0, pair.value) } }
    }

    /// The names ``builtin(_:)`` knows: `18` (tripleo-common 18.0.0, `Container*Image`) and `rocky`
    /// (tripleo-common 9.6.1, `Docker*Image`, as OPNFV Apex uses it).
    public static let builtinNames = ["18", "rocky"]

    /// A built-in map, or `nil` for an unknown name.
    /// - Throws: ``ImagePrepareError/invalidMap(_:)`` only if the embedded data were broken (tests guard it).
    public static func builtin(_ name: String) throws(ImagePrepareError) -> ImageMap? {
        switch name {
        case "18": try ImageMap(yaml: BuiltinMaps.map18, name: "18")
        case "rocky": try ImageMap(yaml: BuiltinMaps.mapRocky, name: "rocky")
        default: nil
        }
    }
}

/// The generated map texts (`Maps/`).
enum BuiltinMaps {}
