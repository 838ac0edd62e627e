public import YAML

extension ImagePreparation {
    /// What tripleo-ansible's `tripleo_container_image_prepare` module computes: the global prepare,
    /// then for every role whose `<Role>ContainerImagePrepare` is set, the prepare again with that
    /// list and only that role, stored as `<Role>Parameters`.
    /// - Returns: the parameters (with the `<Role>Parameters` mappings) and every run's uploads, in order.
    /// - Throws: ``ImagePrepareError``, or the label source's error.
    public func prepareWithRoles(environment: YAMLValue, roles: [YAMLValue]) throws -> Result {
        var result = try prepareMulti(environment: environment, roles: roles)
        guard let pd = environment["parameter_defaults"], let pdPairs = pd.mappingPairs else { return result }
        for role in roles {
            guard let name = role["name"]?.pythonStr else { continue }
            guard let specific = pd["\(name)ContainerImagePrepare"], specific.isTruthy else { continue }
            let rolePD = pdPairs.filter { $0.key != .string("ContainerImagePrepare") } + [YAMLPair("ContainerImagePrepare", specific)]
            let roleEnvironment = YAMLValue.mapping(
                (environment.mappingPairs ?? []).filter { $0.key != .string("parameter_defaults") } + [
                    YAMLPair("parameter_defaults", .mapping(rolePD))
                ])
            let roleResult = try prepareMulti(environment: roleEnvironment, roles: [role])
            result.params["\(name)Parameters"] = roleResult.params.yaml
            result.uploads += roleResult.uploads
        }
        return result
    }
}
