import ModuleKit

extension Worker {
    /// `reconcile_containers`: bulk compare-and-converge of many containers in one task.
    func reconcileContainers() throws {
        throw ModuleFailure("reconcile_containers: not available yet")
    }
}
