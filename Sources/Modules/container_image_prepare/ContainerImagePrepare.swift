public import ImageCopy
public import ImagePrepare
public import JSON
public import ModuleKit
import Platform
import Registry
import YAML

/// `container_image_prepare`: TripleO's ContainerImagePrepare, evaluated exactly as tripleo-common
/// 18.0.0 does (tripleo-ansible's `tripleo_container_image_prepare`), the images copied registry to
/// registry, or the default `containers-prepare-parameters.yaml` (`mode: default`).
/// User docs: collection/plugins/modules/container_image_prepare.yml (a test keeps it equal to `spec`).
public enum ContainerImagePrepare: SecretBearingModule {
    /// The Ansible name.
    public static let name = "container_image_prepare"
    /// One line for `--help`.
    public static let summary = "Evaluate TripleO's ContainerImagePrepare into heat image parameters and copy the images"
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
        .int("concurrency", default: 4),
        .str("image_map", default: "18"),
        .str("undercloud_registry"),
        .list("insecure_registries", of: .str, default: []),
        .list("no_verify_registries", of: .str, default: []),
        .path("ca_file"),
        .bool("local_push_destination", default: false),
        .bool("enable_registry_login", default: false),
        .bool("progress", default: false),
    ])

    /// The registry passwords of `ContainerImageRegistryCredentials`: scrubbed from every output.
    public static func secrets(in params: JSONObject) -> Set<String> {
        let credentials = params["environment"]?.objectValue?["parameter_defaults"]?.objectValue?["ContainerImageRegistryCredentials"]
        return RegistryCredentials.passwords(credentials.map(YAMLValue.init(json:)))
    }

    /// Runs the module against real registries (tag discovery and copying over https/http); images
    /// with a `modify_role` fail, saying the role needs an image modifier.
    public static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        try run(params, on: host, modifier: nil)
    }

    /// Runs the module against real registries, `modify_role` run by `modifier` (the deploy binary
    /// passes the modify_image module's).
    public static func run(_ params: Params, on host: Host, modifier: (any ImageModifier)?) throws -> ModuleResult {
        let args = try Arguments(params)
        guard args.mode == .prepare else { return try run(params, on: host, labels: nil) }
        if let caFile = args.caFile, !host.files.isReadable(caFile) {
            throw ModuleFailure("ca_file: \(caFile) is not a readable file")
        }
        let caFile = args.caFile
        let transport = LazyTransport { try HTTPClientTransport(caFile: caFile) }
        defer { if transport.isStarted { try? Blocking.run { await transport.shutdown() } } }
        let progress: (@Sendable (String) -> Void)? = args.progress ? { @Sendable line in StandardStreams.writeError(line + "\n") } : nil
        return try run(params, on: host, registry: RegistryAccess(transport: transport, modifier: modifier, progress: progress))
    }

    /// Evaluation only, tag discovery through `labels` (`nil`: none; entries that need it fail).
    /// A run that needs images copied fails: there is no registry access. Tests use this.
    public static func run(_ params: Params, on host: Host, labels: (any ImageLabelSource)?) throws -> ModuleResult {
        try run(params, on: host, labels: labels, registry: nil)
    }

    /// Evaluation, tag discovery and copying through `registry` (tests pass an in-memory registry).
    public static func run(_ params: Params, on host: Host, registry: RegistryAccess) throws -> ModuleResult {
        try run(params, on: host, labels: nil, registry: registry)
    }

    private static func run(_ params: Params, on host: Host, labels: (any ImageLabelSource)?, registry: RegistryAccess?) throws -> ModuleResult {
        let args = try Arguments(params)
        let map = try args.loadMap(from: host.files)
        switch args.mode {
        case .default:
            return try writeDefault(args, map: map, on: host)
        case .prepare:
            return try prepare(args, map: map, labels: labels, registry: registry, on: host)
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
