public import ImagePrepare
import JSON
public import ModuleKit
import Platform
import YAML

/// `container_image_prepare`: TripleO's ContainerImagePrepare, evaluated exactly as tripleo-common
/// 18.0.0 does (tripleo-ansible's `tripleo_container_image_prepare`), or the default
/// `containers-prepare-parameters.yaml` (`mode: default`).
/// User docs: collection/plugins/modules/container_image_prepare.yml (a test keeps it equal to `spec`).
public enum ContainerImagePrepare: AnsibleModule {
    /// The Ansible name.
    public static let name = "container_image_prepare"
    /// One line for `--help`.
    public static let summary = "Evaluate TripleO's ContainerImagePrepare into heat image parameters"
    /// The argument spec (tripleo-ansible's options plus this module's; see the sidecar).
    public static let spec = ModuleSpec(supportsCheckMode: true, [
        .str("mode", default: PrepareMode.prepare.rawValue, choices: PrepareMode.allCases.map(\.rawValue)),
        .dict("environment", default: JSONObject()),
        .list("roles_data", of: .dict, default: []),
        .str("cleanup", default: "full", choices: ["full", "partial", "none"]),
        .bool("dry_run", default: false),
        .path("log_file"),
        .bool("debug", default: false),
        .path("output_env_file"),
        .bool("backup", default: false),
        .int("concurrency"),
        .str("image_map", default: "18"),
        .str("undercloud_registry"),
        .list("insecure_registries", of: .str, default: []),
        .bool("local_push_destination", default: false),
        .bool("enable_registry_login", default: false),
    ])

    /// Runs the module without registry access (this build has no registry client).
    public static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        try run(params, on: host, labels: nil)
    }

    /// `run` with registry access for tag discovery (`nil`: none; entries that need it fail). This
    /// build has no registry client, so Ansible runs get `nil`; tests pass an in-memory source.
    public static func run(_ params: Params, on host: Host, labels: (any ImageLabelSource)?) throws -> ModuleResult {
        let args = try Arguments(params)
        let map = try args.loadMap(from: host.files)
        switch args.mode {
        case .default:
            return try writeDefault(args, map: map, on: host)
        case .prepare:
            return try prepare(args, map: map, labels: labels, on: host)
        }
    }

    private static func writeDefault(_ args: Arguments, map: ImageMap, on host: Host) throws -> ModuleResult {
        let parameters = DefaultPrepareFile.parameters(
            map: map, localPushDestination: args.localPushDestination, enableRegistryLogin: args.enableRegistryLogin)
        let text = DefaultPrepareFile.text(
            map: map, localPushDestination: args.localPushDestination, enableRegistryLogin: args.enableRegistryLogin,
            outputFile: args.outputEnvFile)
        var result = try args.outputEnvFile.map { path in
            try ManagedFile(path: path, backup: args.backup).update(to: Array(text.utf8), on: host, option: "output_env_file")
        } ?? ModuleResult()
        result.set("params", .object(["parameter_defaults": parameters.json]))
        result.set("content", .string(text))
        return result
    }
}
