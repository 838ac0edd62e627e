import JSON

/// The body of `POST /containers/create` for a desired container (Kolla's `build_container_options`
/// and `build_host_config`): host networking, binds, the dimensions, our restart policy.
///
/// The engine mapping: what a request needs differently per engine is here and only here
/// (`volumePaths`, `capAdd`, `warnings`); the option table's `create` entries call it. For Podman
/// (Podman 4.3's compatible API, measured), two changes: `Volumes` lists only the anonymous
/// volumes, as Podman rejects a bind whose container path is also in `Volumes` when it is spelled
/// with a trailing `/` (`kolla_logs:/var/log/kolla/`: "duplicate mount destination"); and a
/// non-privileged container gets `AUDIT_WRITE`, which Docker grants by default and Podman does not
/// (Kolla's Podman worker adds it too). Podman accepts the rest as Docker does (`Tmpfs`,
/// `RestartPolicy`, `Healthcheck` with `Test: ["NONE"]`) except `CgroupnsMode`, which it ignores
/// (a warning).
enum CreateRequest {
    static func body(_ spec: ContainerSpec, flavor: EngineFlavor = .docker, table: [ContainerOption] = ContainerOptions.table) -> JSONValue {
        var request = ContainerOption.Request()
        request.host["NetworkMode"] = "host"
        for option in table { option.create?(spec, flavor, &request) }
        var body = request.body
        body["HostConfig"] = .object(request.host)
        return .object(body)
    }

    /// The container paths for `Volumes`: every one on Docker, only the anonymous volumes on Podman.
    static func volumePaths(_ spec: ContainerSpec, flavor: EngineFlavor) -> [String] {
        guard flavor == .podman else { return spec.volumes.containerPaths }
        let bound = Set(spec.volumes.binds.compactMap(PodmanInspect.destination))
        return spec.volumes.containerPaths.filter { !bound.contains($0) }
    }

    /// What the request cannot carry to this engine, said to the user when the container is created.
    static func warnings(_ spec: ContainerSpec, flavor: EngineFlavor) -> [String] {
        guard flavor == .podman, spec.cgroupnsMode != nil else { return [] }
        return ["cgroupns_mode: Podman's Docker-compatible API ignores it; \(spec.name) gets Podman's default cgroup namespace"]
    }

    /// `cap_add`, plus `AUDIT_WRITE` for a non-privileged container on Podman.
    static func capAdd(_ spec: ContainerSpec, flavor: EngineFlavor) -> [String] {
        guard flavor == .podman, !spec.privileged, !spec.capAdd.contains(where: { Capability.name($0) == "AUDIT_WRITE" }) else {
            return spec.capAdd
        }
        return spec.capAdd + ["AUDIT_WRITE"]
    }
}
