public import ModuleKit

/// `puppet_config`: TripleO's containerized configuration generation (docker-puppet.py →
/// container-puppet.py → tripleo-ansible's `container_puppet_config`). Groups the services'
/// `puppet_config` entries by config volume, runs one one-shot config container per volume with
/// real Puppet (in parallel), writes `config-data/<volume>`, `puppet-generated/<volume>` and their
/// `.md5sum` files, and puts `TRIPLEO_CONFIG_HASH` into the startup definitions whose config changed.
/// User docs: collection/plugins/modules/puppet_config.yml.
public enum PuppetConfig: AnsibleModule {
    public static let name = "puppet_config"
    public static let summary = "Generate service configuration with Puppet in config containers (TripleO-compatible)"
    public static let spec = ModuleSpec(
        supportsCheckMode: true,
        [
            .raw("puppet_config"),
            .int("step", default: 6),
            .path("config_vol_prefix", default: "/var/lib/config-data"),
            .bool("net_host", default: true),
            .bool("debug", default: false),
            .bool("no_archive", default: false),
            .bool("check_mode", default: false),
            .str("short_hostname", default: ""),
            .int("process_count", default: 6),
            .str("container_cli", default: "docker", choices: ["docker", "podman"]),
            .str("docker_host"),
            .bool("update_config_hash_only", default: false),
            .str("startup_config_pattern"),
            .dict("container_definitions"),
            .str("config_volume"),
            .str("container_name_prefix", default: "container-puppet-"),
            .path("script_dir", default: "/var/lib/container-puppet"),
            .bool("keep_failed", default: true),
            .int("retries", default: 3),
        ])

    public static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        let args = try Arguments(params, on: host)
        // Startup definitions are read before any container runs, so a broken file fails fast.
        var startup = try StartupConfigs(args: args, files: host.files)
        var generation = Generation.nothing
        if !args.updateConfigHashOnly {
            generation = try Generation.run(args, on: host)
        }
        let hashes = try startup.apply(args: args, generation: generation, host: host)
        return generation.result(args: args, hashes: hashes, host: host)
    }
}
