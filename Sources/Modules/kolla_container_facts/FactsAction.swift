/// The actions of Kolla-Ansible 23's `kolla_container_facts`, each filling one result key.
enum FactsAction: String, CaseIterable {
    case containers = "get_containers"
    case containersEnv = "get_containers_env"
    case containersState = "get_containers_state"
    case volumes = "get_volumes"
    case containersNames = "get_containers_names"

    /// The result key the action fills.
    var resultKey: String {
        switch self {
        case .containers: return "containers"
        case .containersEnv: return "envs"
        case .containersState: return "states"
        case .volumes: return "volumes"
        case .containersNames: return "container_names"
        }
    }
}
