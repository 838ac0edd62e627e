import DockerEngine
import JSON
import ModuleKit

extension Worker {
    /// The table's differences for an existing container (Kolla's `check_container_differs`).
    func differences(_ container: ContainerInspect) throws -> [ComparisonFailure] {
        let containerImage = try images.image(named: container.imageID, on: engine)?.raw
        let desiredImageID = spec.image == nil ? nil : try images.image(named: imageName, on: engine)?.id
        let comparison = ContainerComparison(
            spec: spec, container: container.raw, containerImage: containerImage, desiredImageID: desiredImageID)
        guard try flavor() == .podman else { return comparison.failures() }
        return PodmanInspect.dockerView(comparison, sharesHostIPC: sharesHostIPC(container)).failures()
    }

    /// Podman 4.3 reports `IpcMode: shareable` for every container, so the namespace itself tells
    /// (read from `/proc`, so only when the daemon runs on this host); `nil` when it cannot be told.
    private func sharesHostIPC(_ container: ContainerInspect) -> Bool? {
        guard spec.ipcMode != nil, container.hostConfig.ipcMode == "shareable",
            EngineConnection.isLocal(task.connection), let pid = container.state.pid
        else { return nil }
        return HostNamespaces.shared(pid: pid, kind: "ipc")
    }

    /// `compare_container`: every difference plus the in-container config check; changed when any.
    func compareContainer() throws -> Bool {
        var failures: [ComparisonFailure]
        if let container = try engine.container(named: spec.name) {
            failures = try differences(container)
            if let config = try configCheck(container) { failures.append(config) }
        } else {
            failures = [.containerMissing(spec.name)]
        }
        noteDifferences(failures)
        journal.changed = !failures.isEmpty
        journal.extra["comparison_failures"] = .array(failures.map(\.json))
        return journal.changed
    }

    /// `get_container_env` (Kolla 16): the container's environment as top-level result keys.
    func getContainerEnv() throws {
        guard let container = try engine.container(named: spec.name) else { throw ModuleFailure("No such container: \(spec.name)") }
        for (k, v) in container.config.environment.sorted(by: { $0.key < $1.key }) { journal.extra[k] = .string(v) }
    }

    /// `get_container_state` (Kolla 16): the container's `State` as top-level result keys.
    func getContainerState() throws {
        guard let container = try engine.container(named: spec.name) else { throw ModuleFailure("No such container: \(spec.name)") }
        for (k, v) in container.state.raw.objectValue ?? JSONObject() { journal.extra[k] = v }
    }
}
