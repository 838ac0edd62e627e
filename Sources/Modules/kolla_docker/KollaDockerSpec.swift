import JSON
import ModuleKit

/// The argument spec shared by `kolla_docker` and `kolla_container`: Kolla 23's options with
/// their defaults (the ones `common_options` may fill have none here; see `CommonOptions`),
/// plus `docker_host`, `services` and `workers` for bulk reconcile.
enum KollaDockerSpec {
    static let spec = ModuleSpec(
        [
            .str("action", required: true, choices: Action.allCases.map(\.rawValue)),
            .dict("common_options", default: [:]),
            .str("api_version"),
            .str("auth_email"), .str("auth_password", noLog: true), .str("auth_registry"), .str("auth_username"),
            .str("command"),
            .str("container_engine", choices: ["docker", "podman"]),
            .str("docker_host"),
            .bool("detach", default: true),
            .dict("labels", default: [:]),
            .str("name"),
            .dict("environment"),
            .str("image"),
            .str("ipc_mode", choices: ["", "host", "private", "shareable"]),
            .list("cap_add", of: .str, default: []),
            .list("group_add", of: .str, default: []),
            .list("security_opt", of: .str, default: []),
            .str("pid_mode", choices: ["", "host", "private"]),
            .str("cgroupns_mode", choices: ["private", "host"]),
            .bool("privileged", default: false),
            .int("graceful_timeout"),
            .bool("remove_on_exit", default: true),
            .str("restart_policy", choices: ["no", "on-failure", "oneshot", "always", "unless-stopped"]),
            .int("restart_retries"),
            .str("state", default: "running", choices: ["running", "exited", "paused"]),
            .bool("tls_verify", default: false), .str("tls_cert"), .str("tls_key"), .str("tls_cacert"),
            .list("tmpfs", of: .str),
            .list("volumes", of: .str),
            .list("volumes_from", of: .str),
            .dict("dimensions", default: [:]),
            .bool("tty", default: false),
            .int("client_timeout"),
            .bool("ignore_missing", default: false),
            .dict("healthcheck"),
            .raw("services"),
            .int("workers", default: 4),
        ],
        requiredIf: Action.allCases.map { .init("action", .string($0.rawValue), $0.requiredOptions) })
}
