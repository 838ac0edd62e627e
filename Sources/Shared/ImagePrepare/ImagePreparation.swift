public import YAML

/// TripleO's ContainerImagePrepare evaluation, as tripleo-common 18.0.0's `kolla_builder` does it:
/// environment + roles data → heat image parameters and the list of images to copy.
///
/// Evaluation opens no connection: tag discovery and `modify_only_with_labels` ask ``labelSource``,
/// and only when an entry needs them; insecure registries come from ``security``; the undercloud
/// registry (for `push_destination: true` without `LocalContainerRegistry`) from ``undercloudRegistry``.
///
/// One deliberate difference: tripleo-common selects `modify_only_with_labels` images by comparing
/// names from *before* tag discovery with names from *after* it, so with `tag_from_label` no
/// label-selected image is ever modified. Here each image is selected by its own labels.
public struct ImagePreparation {
    /// The image map (`ImageMap.builtin("18")` for tripleo-common 18.0.0).
    public var map: ImageMap
    /// Tags and labels for `tag_from_label` and `modify_only_with_labels`; `nil` = no registry access.
    public var labelSource: (any ImageLabelSource)?
    /// Which hosts `DockerInsecureRegistryAddress` lists.
    public var security: any RegistrySecurity
    /// The undercloud registry `host:port` (tripleo-common's `get_undercloud_registry()`), asked lazily.
    public var undercloudRegistry: () -> String
    /// The `modify_append_tag` of entries without one: `-modified-%Y%m%d%H%M%S` at the time of the run.
    public var defaultAppendTag: String

    /// An evaluator.
    /// - Parameters:
    ///   - map: the image map.
    ///   - labelSource: registry access for tag discovery; `nil` makes entries that need it fail.
    ///   - security: insecure-registry knowledge (default: none insecure).
    ///   - undercloudRegistry: the discovered undercloud registry (default `localhost:8787`, upstream's fallback).
    ///   - defaultAppendTag: the run's default `modify_append_tag`.
    public init(
        map: ImageMap, labelSource: (any ImageLabelSource)? = nil, security: any RegistrySecurity = KnownRegistries(),
        undercloudRegistry: @escaping () -> String = { "localhost:8787" }, defaultAppendTag: String = "-modified-19700101000000"
    ) {
        self.map = map
        self.labelSource = labelSource
        self.security = security
        self.undercloudRegistry = undercloudRegistry
        self.defaultAppendTag = defaultAppendTag
    }

    /// What an evaluation produced.
    public struct Result {
        /// The merged heat parameters (later entries win per parameter).
        public var params: OrderedParams
        /// Every entry's images to copy, in entry order (only entries with `push_destination`,
        /// `pull_source` or `modify_role` copy anything, as upstream).
        public var uploads: [UploadTask]
        /// Per entry: how many images it selected (for logs).
        public var selectedPerEntry: [Int]
    }

    /// `container_images_prepare_multi(environment, roles_data)`.
    /// - Throws: ``ImagePrepareError``, or the label source's error.
    public func prepareMulti(environment: YAMLValue, roles: [YAMLValue]) throws -> Result {
        let pd = environment["parameter_defaults"] ?? .mapping([])
        guard pd.mappingPairs != nil else { throw ImagePrepareError.invalidInput("parameter_defaults: expected a mapping") }
        let entries: [YAMLValue]
        if let given = pd["ContainerImagePrepare"], given.isTruthy {
            guard let list = given.sequenceItems else { throw ImagePrepareError.invalidInput("ContainerImagePrepare: expected a list of entries") }
            entries = list
        } else {
            entries = map.defaultPrepare
        }
        try RegistryCredentials.validate(pd["ContainerImageRegistryCredentials"])
        var multiArch = (pd["AdditionalArchitectures"]?.sequenceItems?.count ?? 0) > 0
        let filter = try ServiceFilter.build(environment: environment, roles: roles)
        var result = Result(params: OrderedParams(), uploads: [], selectedPerEntry: [])
        for (index, raw) in entries.enumerated() {
            let entry = try PrepareEntry(raw, index: index)
            if multiArch && entry.hasMultiArchKey { multiArch = false }
            let prepared = try prepare(entry, index: index, parameters: pd, filter: filter, multiArch: multiArch)
            result.params.update(prepared.params)
            result.uploads += prepared.uploads
            result.selectedPerEntry.append(prepared.selected)
        }
        return result
    }

    /// One entry: `set_neutron_driver`, `push_destination: true` resolution, then `container_images_prepare`.
    func prepare(
        _ entry: PrepareEntry, index: Int, parameters pd: YAMLValue, filter: Set<String>?, multiArch: Bool
    ) throws
        -> (params: OrderedParams, uploads: [UploadTask], selected: Int)
    {
        var set = entry.set
        if !(set.first { $0.key == "neutron_driver" }?.value.isTruthy ?? false) {
            let driver = try Self.neutronDriver(pd)
            if let at = set.firstIndex(where: { $0.key == "neutron_driver" }) {
                set[at].value = .string(driver)
            } else {
                set.append(("neutron_driver", .string(driver)))
            }
        }
        let push = Self.pushDestination(entry, parameters: pd)
        let appendTag: String? = entry.modifyAppendTag ?? defaultAppendTag
        let tagGiven = set.first { $0.key == "tag" }?.value.isTruthy ?? false
        let selection = try select(entry, index: index, set: set, filter: filter)
        var images = selection.map(\.name)
        if !tagGiven, let tagFromLabel = entry.tagFromLabel {
            images = try discoverTags(images, tagFromLabel: tagFromLabel, defaultTag: !set.contains { $0.key == "tag" }, entry: index)
        }
        let byLabels = try selectedByLabels(entry, selection.map(\.name), index: index)
        var destination: String?
        func resolvedDestination() -> String? {
            switch push {
            case .registry(let host)?: return host
            case .undercloud?:
                if destination == nil { destination = undercloudRegistry() }
                return destination
            case nil: return nil
            }
        }
        var params = OrderedParams()
        var uploads: [UploadTask] = []
        let uploading = push != nil || entry.pullSource != nil || entry.modifyRole != nil
        for (i, chosen) in selection.enumerated() {
            var modification: UploadTask.Modification?
            if let role = entry.modifyRole,
                (entry.modifyOnlyWithLabels.isEmpty && entry.modifyOnlyWithSource.isEmpty) || byLabels[i]
                    || entry.modifyOnlyWithSource.contains(chosen.item.imageSource)
            {
                modification = UploadTask.Modification(role: role, appendTag: appendTag ?? "", vars: entry.modifyVars)
            }
            var value = images[i]
            if let host = resolvedDestination() { value = host + "/" + value.pythonPartition("/").tail }
            for param in chosen.item.params { params[param] = .string(value + (modification?.appendTag ?? "")) }
            if uploading {
                uploads.append(
                    UploadTask(
                        imagename: images[i], imageSource: chosen.item.imageSource, pullSource: entry.pullSource,
                        pushDestination: resolvedDestination() ?? undercloudRegistry(), modification: modification,
                        multiArch: multiArch, entry: index))
            }
        }
        if let insecure = insecureRegistries(params) { params["DockerInsecureRegistryAddress"] = insecure }
        return (params, uploads, selection.count)
    }

    /// An entry's `push_destination` with `true` resolved to `LocalContainerRegistry` + `:8787` when
    /// that is set (else it stays ``PrepareEntry/PushDestination/undercloud``, the discovered registry).
    static func pushDestination(_ entry: PrepareEntry, parameters pd: YAMLValue) -> PrepareEntry.PushDestination? {
        if entry.pushDestination == .undercloud, let ip = pd["LocalContainerRegistry"], ip.isTruthy { return .registry("\(ip.pythonStr):8787") }
        return entry.pushDestination
    }

    /// `set_neutron_driver` for an entry whose `set` has no truthy `neutron_driver`: `ovn` unless
    /// `NeutronMechanismDrivers` is given without `ovn` (then `other`).
    /// - Parameter pd: the environment's `parameter_defaults`.
    /// - Throws: ``ImagePrepareError/invalidInput(_:)`` when the drivers are neither a list nor a string.
    public static func neutronDriver(_ pd: YAMLValue) throws(ImagePrepareError) -> String {
        guard pd.isTruthy, let drivers = pd["NeutronMechanismDrivers"] else { return "ovn" }
        switch drivers.unshared {
        case .string(let s): return s.contains("ovn") ? "ovn" : "other"  // Python `in` on a str: substring
        case .sequence(let items): return items.contains(.string("ovn")) ? "ovn" : "other"
        case .mapping(let pairs): return pairs.contains { $0.key == .string("ovn") } ? "ovn" : "other"
        default: throw .invalidInput("NeutronMechanismDrivers: expected a list of drivers, got \(drivers.pythonRepr)")
        }
    }

    /// `detect_insecure_registries`: the sorted, unique insecure hosts of every value, or `nil`.
    func insecureRegistries(_ params: OrderedParams) -> YAMLValue? {
        var hosts: Set<String> = []
        for key in params.keys {
            guard let value = params[key]?.stringValue else { continue }
            let host = value.pythonPartition("/").head
            if security.isInsecure(host) { hosts.insert(host) }
        }
        guard !hosts.isEmpty else { return nil }
        let sorted = hosts.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        return .sequence(sorted.map { .string($0) })
    }
}
