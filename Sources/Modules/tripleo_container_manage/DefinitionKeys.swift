/// What this module does with each key of a container startup definition (THT `docker_config`,
/// paunch 7.0.4's `builder/base.py`, `compose1.py`, `podman.py`, tripleo-ansible's module). A key
/// that is not here fails the definition, named.
enum DefinitionKeys {
    /// Keys that become part of the engine's create (or exec) request.
    static let container: Set<String> = [
        "image", "command", "entrypoint", "environment", "env_file", "volumes", "volumes_from", "net", "ipc", "pid", "uts",
        "privileged", "user", "group_add", "healthcheck", "check_interval", "restart", "remove", "interactive", "stdin_open",
        "tty", "ulimit", "log_tag", "cpu_shares", "mem_limit", "memswap_limit", "mem_swappiness", "security_opt",
        "stop_signal", "hostname", "extra_hosts", "cpuset_cpus", "stop_grace_period", "cap_add", "cap_drop", "pids_limit",
        "sysctl",
    ]
    /// Keys that steer how and when the container runs.
    static let flow: Set<String> = ["detach", "start_order", "action", "exit_codes", "retries", "retry_sleep", "depends_on"]
    /// Keys THT writes for other tools; paunch ignores them, and so does the container (they stay in `config_data`).
    static let informational: Set<String> = ["config_volume"]
    /// Keys paunch accepts that this module refuses, with the reason.
    static let rejected: [String: String] = [
        "systemd_exec_flags":
            "paunch writes it into a systemd unit (Podman only); this module keeps containers up with the engine's restart policy",
        "log": "paunch's Podman k8s-file log path; the engine's log driver is used (log_tag sets its tag)",
    ]
    /// The sub-keys of `healthcheck`.
    static let healthcheck: Set<String> = ["test", "interval", "timeout", "retries", "start_period"]

    /// Why `key` cannot be used, or `nil` when it can.
    static func problem(_ key: String) -> String? {
        if container.contains(key) || flow.contains(key) || informational.contains(key) { return nil }
        if let reason = rejected[key] { return "not supported: \(reason)" }
        return "unknown key (not a paunch 7.0.4 / tripleo_container_manage key)"
    }
}
