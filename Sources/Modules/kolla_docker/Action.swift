/// Every action of Kolla-Ansible 23's `kolla_container`, the two older `kolla_docker` ones, and
/// our bulk `reconcile_containers`.
enum Action: String, CaseIterable {
    case compareContainer = "compare_container"
    case compareImage = "compare_image"
    case createVolume = "create_volume"
    case ensureImage = "ensure_image"
    case pullImage = "pull_image"
    case recreateOrRestartContainer = "recreate_or_restart_container"
    case removeContainer = "remove_container"
    case removeImage = "remove_image"
    case removeVolume = "remove_volume"
    case restartContainer = "restart_container"
    case startContainer = "start_container"
    case stopContainer = "stop_container"
    case stopAndRemoveContainer = "stop_and_remove_container"
    case getContainerEnv = "get_container_env"
    case getContainerState = "get_container_state"
    case reconcileContainers = "reconcile_containers"

    /// Options each action requires (Kolla 23's `required_if`, plus ours).
    var requiredOptions: [String] {
        switch self {
        case .pullImage, .ensureImage, .removeImage: return ["image"]
        case .startContainer: return ["image", "name"]
        case .reconcileContainers: return ["services"]
        default: return ["name"]
        }
    }
}
