public import YAML

extension ImagePreparation {
    /// The registry hosts images are pushed to: each entry's `push_destination` (`true` resolved to
    /// `LocalContainerRegistry:8787` or the discovered undercloud registry), of `ContainerImagePrepare`
    /// (or the map's default entries) and of every role's `<Role>ContainerImagePrepare`, unique, in order.
    ///
    /// tripleo-common probes these while it evaluates (`is_insecure_registry` for every image host);
    /// evaluation here opens no connection, so a caller probes them first and hands the answers to
    /// ``security`` (the module: `container_image_prepare`).
    /// - Throws: ``ImagePrepareError`` for an entry evaluation would also reject.
    public func pushDestinations(environment: YAMLValue, roles: [YAMLValue]) throws(ImagePrepareError) -> [String] {
        let pd = environment["parameter_defaults"] ?? .mapping([])
        var lists: [YAMLValue] = []
        if let given = pd["ContainerImagePrepare"], given.isTruthy { lists.append(given) } else { lists.append(.sequence(map.defaultPrepare)) }
        for role in roles {
            guard let name = role["name"]?.pythonStr, let specific = pd["\(name)ContainerImagePrepare"], specific.isTruthy else { continue }
            lists.append(specific)
        }
        var hosts: [String] = []
        for list in lists {
            for (index, raw) in (list.sequenceItems ?? []).enumerated() {
                let entry = try PrepareEntry(raw, index: index)
                let destination: String
                switch Self.pushDestination(entry, parameters: pd) {
                case .registry(let given)?: destination = given
                case .undercloud?: destination = undercloudRegistry()
                case nil: continue
                }
                // The host images get: `push_destination` may carry a namespace (`host:port/ns`).
                let host = destination.pythonPartition("/").head
                if !hosts.contains(host) { hosts.append(host) }
            }
        }
        return hosts
    }
}
