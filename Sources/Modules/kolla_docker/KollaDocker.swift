public import ModuleKit

/// `kolla_docker`: Kolla-Ansible's container module (all actions of Kolla 23 plus the two older
/// ones and bulk `reconcile_containers`) on the Docker Engine API, or Podman's compatible API.
/// Kolla-Ansible 23's name `kolla_container` is an alias here and a redirect in meta/runtime.yml.
/// User docs: collection/plugins/modules/kolla_docker.yml.
public enum KollaDocker: AnsibleModule {
    public static let name = "kolla_docker"
    public static let summary = "Manage Kolla-style containers, images and volumes (Kolla-compatible)"
    public static let aliases = ["kolla_container"]
    public static let spec = KollaDockerSpec.spec

    public static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        try Worker.run(params, on: host)
    }
}
