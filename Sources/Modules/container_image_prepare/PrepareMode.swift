/// What `container_image_prepare` does.
enum PrepareMode: String, CaseIterable {
    /// Evaluate `ContainerImagePrepare` (tripleo-ansible's `tripleo_container_image_prepare`).
    case prepare
    /// Generate the default `containers-prepare-parameters.yaml`
    /// (`openstack tripleo container image prepare default`).
    case `default`
}
