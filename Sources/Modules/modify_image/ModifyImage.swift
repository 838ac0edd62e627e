public import DockerEngine
import JSON
public import ModuleKit

/// `modify_image`: tripleo-modify-image on the Docker Engine API. Builds `<target or source><append
/// tag>` from `source_image` with a generated Dockerfile (`tasks_from` picks the flow), keeping the
/// image's user, and optionally pushes it; skips when the target already exists unless `force`.
/// User docs: collection/plugins/modules/modify_image.yml (a test keeps it equal to `spec`).
public enum ModifyImage: AnsibleModule {
    /// The Ansible name.
    public static let name = "modify_image"
    /// One line for `--help`.
    public static let summary = "Modify a container image (packages, Dockerfile, python trees, patches) like tripleo-modify-image"
    /// The argument spec (tripleo-modify-image's variables plus this module's; see the sidecar).
    public static let spec = ModuleSpec(
        supportsCheckMode: true,
        [
            .str("tasks_from", default: "modify_image.yml", choices: Mode.choices),
            .str("source_image", required: true),
            .str("target_image"),
            .str("modified_append_tag"),
            .path("modify_dir_path"),
            .path("rpms_path"),
            .str("update_repo", default: ""),
            .path("yum_repos_dir_path"),
            .list("yum_packages", of: .str, default: []),
            .list("python_dir", of: .path, default: []),
            .list("refspecs", of: .dict, default: []),
            .list("patches", of: .path, default: []),
            .str("patch_path"),
            .dict("build_args", default: JSONObject()),
            .str("container_build_tool", default: "docker", choices: ["docker", "buildah"]),
            .bool("push", default: false),
            .bool("force", default: false),
            .str("registry_username"),
            .str("registry_password", noLog: true),
            .str("docker_host"),
            .str("api_version", default: "auto"),
            .int("timeout", default: 1800),
        ])

    /// `hotfix` (see ``HotfixCommand``).
    public static var subcommands: [Subcommand] { [HotfixCommand.subcommand] }

    /// Runs against the daemon named by `docker_host` (default: the local Docker socket).
    public static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        let args = try Arguments(params)
        let engine: EngineClient
        do {
            engine = try EngineEndpoint.connect(host: args.dockerHost, apiVersion: args.apiVersion, timeoutSeconds: 120)
        } catch {
            throw ModuleFailure(error.description)
        }
        return try run(args, on: host, engine: engine, files: LocalInputFiles())
    }

    /// `run` with a given engine client and input files (tests pass twins).
    static func run(_ args: Arguments, on host: Host, engine: EngineClient, files: any InputFiles) throws -> ModuleResult {
        do {
            return try Modification(args: args, engine: engine, files: files).perform(checkMode: host.checkMode, diffMode: host.diffMode)
        } catch let error as ModifyImageError {
            throw ModuleFailure(error.description)
        } catch let error as EngineError {
            throw ModuleFailure(error.description)
        }
    }
}
