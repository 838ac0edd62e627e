import JSON

/// The body of `POST /containers/create` for a desired container (Kolla's `build_container_options`
/// and `build_host_config`): host networking, binds, the dimensions, our restart policy.
///
/// For Podman (Podman 4.3's compatible API, measured), two changes: `Volumes` lists only the
/// anonymous volumes, as Podman rejects a bind whose container path is also in `Volumes` when it
/// is spelled with a trailing `/` (`kolla_logs:/var/log/kolla/`: "duplicate mount destination");
/// and a non-privileged container gets `AUDIT_WRITE`, which Docker grants by default and Podman
/// does not (Kolla's Podman worker adds it too). Podman accepts the rest as Docker does (`Tmpfs`,
/// `RestartPolicy`, `Healthcheck` with `Test: ["NONE"]`) except `CgroupnsMode`, which it ignores.
enum CreateRequest {
    static func body(_ spec: ContainerSpec, flavor: EngineFlavor = .docker) -> JSONValue {
        var body = JSONObject()
        body["Image"] = .string(spec.image ?? "")
        if let command = spec.command { body["Cmd"] = .array(command.map { .string($0) }) }
        body["Env"] = .array(spec.environment.map { .string("\($0.key)=\($0.value)") })
        body["Labels"] = .object(JSONObject(spec.labels.keys.sorted().map { ($0, .string(spec.labels[$0] ?? "")) }))
        body["Tty"] = .bool(spec.tty)
        var paths = spec.volumes.containerPaths
        if flavor == .podman {
            let bound = Set(spec.volumes.binds.compactMap(PodmanInspect.destination))
            paths.removeAll { bound.contains($0) }
        }
        if !paths.isEmpty {
            body["Volumes"] = .object(JSONObject(paths.map { ($0, .object(JSONObject())) }))
        }
        if let healthcheck = spec.healthcheck.createValue { body["Healthcheck"] = healthcheck }

        var host = JSONObject()
        host["NetworkMode"] = "host"
        if !spec.volumes.binds.isEmpty { host["Binds"] = strings(spec.volumes.binds) }
        let capAdd = capAdd(spec, flavor: flavor)
        if !capAdd.isEmpty { host["CapAdd"] = strings(capAdd) }
        if !spec.groupAdd.isEmpty { host["GroupAdd"] = strings(spec.groupAdd) }
        if !spec.securityOpt.isEmpty { host["SecurityOpt"] = strings(spec.securityOpt) }
        if let ipc = spec.ipcMode { host["IpcMode"] = .string(ipc) }
        if let pid = spec.pidMode { host["PidMode"] = .string(pid) }
        if let cgroupns = spec.cgroupnsMode { host["CgroupnsMode"] = .string(cgroupns) }
        host["Privileged"] = .bool(spec.privileged)
        if !spec.tmpfs.isEmpty {
            host["Tmpfs"] = .object(JSONObject(spec.tmpfs.keys.sorted().map { ($0, .string(spec.tmpfs[$0] ?? "")) }))
        }
        if !spec.volumesFrom.isEmpty { host["VolumesFrom"] = strings(spec.volumesFrom) }
        for (key, value) in spec.dimensions.hostConfig { host[key] = value }
        host["RestartPolicy"] = .object(spec.restartPolicyValue)
        body["HostConfig"] = .object(host)
        return .object(body)
    }

    /// `cap_add`, plus `AUDIT_WRITE` for a non-privileged container on Podman.
    static func capAdd(_ spec: ContainerSpec, flavor: EngineFlavor) -> [String] {
        guard flavor == .podman, !spec.privileged, !spec.capAdd.contains(where: { Capability.name($0) == "AUDIT_WRITE" }) else {
            return spec.capAdd
        }
        return spec.capAdd + ["AUDIT_WRITE"]
    }

    private static func strings(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
}
