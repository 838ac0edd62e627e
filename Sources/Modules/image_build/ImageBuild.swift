import DockerEngine
import JSON
public import ModuleKit

/// `image_build`: kolla-build's build half. Builds the images of a rendered plan (the action plugin
/// or `scripts/overcloud-containers build` renders the tree with `image_templates.py`) over the
/// engine's `POST /build`: parents first, independent images in parallel, a content hash label so an
/// unchanged image is not rebuilt, failures isolated to their descendants, optional push.
/// User docs: collection/plugins/modules/image_build.yml (a test keeps it equal to `spec`).
public enum ImageBuild: AnsibleModule {
    /// The Ansible name.
    public static let name = "image_build"
    /// One line for `--help`.
    public static let summary = "Build a rendered Kolla-style image tree (parents first, in parallel, cached by content hash) like kolla-build"
    /// The argument spec (see the sidecar).
    public static let spec = ModuleSpec(
        supportsCheckMode: true,
        [
            .path("plan"),
            .int("threads", default: 4),
            .int("retries", default: 0),
            .bool("push", default: false),
            .str("registry_username"),
            .str("registry_password", noLog: true),
            .dict("build_args", default: JSONObject()),
            .dict("labels", default: JSONObject()),
            .bool("nocache", default: false),
            .bool("pull", default: false),
            .bool("progress", default: false),
            .str("docker_host"),
            .str("api_version", default: "auto"),
            .int("timeout", default: 1800),
        ])

    public static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        let args = try BuildArguments(params)
        let plan: BuildPlan
        do {
            plan = try BuildPlan.load(args.planPath)
        } catch {
            throw ModuleFailure(error.description)
        }
        let engine: EngineClient
        do {
            engine = try EngineEndpoint.connect(host: args.dockerHost, apiVersion: args.apiVersion)
        } catch {
            throw ModuleFailure(error.description)
        }
        return try run(plan, args: args, host: host, engine: engine, files: LocalContextFiles())
    }

    /// `run` with a parsed plan, an engine client and context files (tests pass twins).
    static func run(_ plan: BuildPlan, args: BuildArguments, host: Host, engine: EngineClient, files: any ContextFiles) throws -> ModuleResult {
        let run = BuildRun(plan: plan, args: args, engine: engine, files: files, checkMode: host.checkMode)
        return run.perform(diffMode: host.diffMode)
    }
}

/// The module's parameters, typed once.
struct BuildArguments: Sendable {
    var planPath: String
    var threads: Int
    var retries: Int
    var push: Bool
    var registryUsername: String?
    var registryPassword: String?
    var buildArgs: [String: String]
    var labels: [String: String]
    var noCache: Bool
    var pull: Bool
    var progress: Bool
    var dockerHost: String?
    var apiVersion: String
    var timeoutSeconds: Int

    init(_ params: Params) throws(ModuleFailure) {
        planPath = params.string("plan") ?? ""
        guard !planPath.isEmpty else {
            throw ModuleFailure("plan: required when the module runs without its action plugin (render the tree with image_templates.py)")
        }
        threads = params.number("threads")
        guard threads >= 1 else { throw ModuleFailure("threads: must be at least 1, got \(threads)") }
        retries = params.number("retries")
        guard retries >= 0 else { throw ModuleFailure("retries: must be 0 or more, got \(retries)") }
        push = params.bool("push")
        registryUsername = params.string("registry_username")
        registryPassword = params.string("registry_password")
        if (registryUsername == nil) != (registryPassword == nil) {
            throw ModuleFailure("registry_username and registry_password: give both or neither")
        }
        buildArgs = Self.strings(params.dict("build_args"))
        labels = Self.strings(params.dict("labels"))
        noCache = params.bool("nocache")
        pull = params.bool("pull")
        progress = params.bool("progress")
        dockerHost = params.string("docker_host")
        apiVersion = params.text("api_version")
        timeoutSeconds = params.number("timeout")
        guard timeoutSeconds >= 1 else { throw ModuleFailure("timeout: must be at least 1 second, got \(timeoutSeconds)") }
    }

    /// Plain values for tests.
    init(threads: Int = 1, retries: Int = 0, push: Bool = false) {
        planPath = ""
        self.threads = threads
        self.retries = retries
        self.push = push
        buildArgs = [:]
        labels = [:]
        noCache = false
        pull = false
        progress = false
        apiVersion = "auto"
        timeoutSeconds = 60
    }

    private static func strings(_ object: JSONObject?) -> [String: String] {
        var map: [String: String] = [:]
        for (key, value) in object ?? JSONObject() { map[key] = value.stringValue ?? JSONWriter().write(value) }
        return map
    }
}
