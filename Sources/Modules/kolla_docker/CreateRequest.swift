import JSON

/// The body of `POST /containers/create` for a desired container (Kolla's `build_container_options`
/// and `build_host_config`): host networking, binds, the dimensions, our restart policy.
enum CreateRequest {
    static func body(_ spec: ContainerSpec) -> JSONValue {
        var body = JSONObject()
        body["Image"] = .string(spec.image ?? "")
        if let command = spec.command { body["Cmd"] = .array(command.map { .string($0) }) }
        body["Env"] = .array(spec.environment.map { .string("\($0.key)=\($0.value)") })
        body["Labels"] = .object(JSONObject(spec.labels.keys.sorted().map { ($0, .string(spec.labels[$0] ?? "")) }))
        body["Tty"] = .bool(spec.tty)
        if !spec.volumes.containerPaths.isEmpty {
            body["Volumes"] = .object(JSONObject(spec.volumes.containerPaths.map { ($0, .object(JSONObject())) }))
        }
        if let healthcheck = spec.healthcheck.createValue { body["Healthcheck"] = healthcheck }

        var host = JSONObject()
        host["NetworkMode"] = "host"
        if !spec.volumes.binds.isEmpty { host["Binds"] = strings(spec.volumes.binds) }
        if !spec.capAdd.isEmpty { host["CapAdd"] = strings(spec.capAdd) }
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

    private static func strings(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
}
