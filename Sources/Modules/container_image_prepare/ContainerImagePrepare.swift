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
    public static let spec = ModuleSpec(
        supportsCheckMode: true,
        [
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

    /// How a run reaches registries.
    public enum Registries {
        /// Real registries (tag discovery and copying over https/http, TLS trust from `ca_file`);
        /// `modify_role` entries run by `modifier` (`nil`: they fail, saying the role needs one; the
        /// deploy binary passes the modify_image module's).
        case live(modifier: (any ImageModifier)?)
        /// The given access (tests pass an in-memory registry).
        case given(RegistryAccess)
        /// None: evaluation only, tag discovery through `labels` (`nil`: entries that need it fail);
        /// a run that needs images copied fails.
        case none(labels: (any ImageLabelSource)?)
    }

    /// `prepare`, `default` and `kolla-build-command` (see ``PrepareCommand``).
    public static var subcommands: [Subcommand] { PrepareCommand.subcommands(running: ContainerImagePrepare.self) }

    /// Runs the module against real registries; images with a `modify_role` fail.
    public static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        try run(params, on: host, registries: .live(modifier: nil))
    }

    /// Runs the module with its registry access given.
    public static func run(_ params: Params, on host: Host, registries: Registries) throws -> ModuleResult {
        let args = try Arguments(params)
        switch registries {
        case .live(let modifier) where args.mode == .prepare:
            if let caFile = args.caFile, !host.files.isReadable(caFile) {
                throw ModuleFailure("ca_file: \(caFile) is not a readable file")
            }
            let caFile = args.caFile
            let transport = LazyTransport { try HTTPClientTransport(caFile: caFile) }
            defer { if transport.isStarted { try? Blocking.run { await transport.shutdown() } } }
            let progress: (@Sendable (String) -> Void)? = args.progress ? { @Sendable line in StandardStreams.writeError(line + "\n") } : nil
            let access = RegistryAccess(transport: transport, modifier: modifier, progress: progress)
            return try evaluate(args, on: host, labels: nil, registry: access)
        case .live:
            return try evaluate(args, on: host, labels: nil, registry: nil)
        case .given(let access):
            return try evaluate(args, on: host, labels: nil, registry: access)
        case .none(let labels):
            return try evaluate(args, on: host, labels: labels, registry: nil)
        }
    }

    private static func evaluate(_ args: Arguments, on host: Host, labels: (any ImageLabelSource)?, registry: RegistryAccess?) throws -> ModuleResult
    {
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
        var result =
            try args.outputEnvFile.map { path in
                try ManagedFile(path: path, backup: args.backup).update(to: Array(text.utf8), on: host, option: "output_env_file")
            } ?? ModuleResult()
        result.set("params", .object(["parameter_defaults": parameters.json]))
        result.set("content", .string(text))
        return result
    }
}
