import JSON
import ModuleKit

/// The argument spec shared by `kolla_docker` and `kolla_container`: Kolla 23's options with
/// their defaults (the ones `common_options` may fill have none here; see `CommonOptions`),
/// plus `docker_host`, `services` and `workers` for bulk reconcile and `service` for one entry.
/// The container options come from `ContainerOptions.table`; the rest are the task's own.
enum KollaDockerSpec {
    /// Options about the task itself: the action, the daemon, the registry, the bulk run.
    static let taskParams: [Param] = [
        .str("action", required: true, choices: Action.allCases.map(\.rawValue)),
        .dict("common_options", default: [:]),
        .str("api_version"),
        .str("auth_email"), .str("auth_password", noLog: true), .str("auth_registry"), .str("auth_username"),
        .str("container_engine", choices: ["docker", "podman"]),
        .str("docker_host"),
        .bool("tls_verify", default: false), .str("tls_cert"), .str("tls_key"), .str("tls_cacert"),
        .int("client_timeout"),
        .bool("ignore_missing", default: false),
        .raw("services"),
        .dict("service"),
        .int("workers", default: 4),
    ]

    static func make(table: [ContainerOption]) -> ModuleSpec {
        ModuleSpec(
            taskParams + table.map(\.param),
            requiredIf: Action.allCases.map { .init("action", .string($0.rawValue), $0.requiredOptions) })
    }

    static let spec = make(table: ContainerOptions.table)
}
