import DockerEngine
import JSON
import ModuleKit

/// One modification run: decide (user, plan, target exists?), then build and push.
struct Modification {
    let args: Arguments
    let engine: EngineClient
    let files: any InputFiles

    /// How many build output lines the result keeps.
    static let outputTail = 40

    func perform(checkMode: Bool, diffMode: Bool) throws -> ModuleResult {
        let target = try args.targetReference()
        let auth = registryAuth(for: target)
        var actions: [String] = []
        var originalUser = try engine.image(named: args.sourceImage).map { $0.config.user ?? "" }
        var plan = try Planner.plan(args, originalUser: originalUser, files: files)

        var result = ModuleResult()
        result.set("image", .string(target))
        result.set("source_image", .string(args.sourceImage))
        if try !args.force && targetExists(target, auth: auth) {
            result.msg = "\(target) already exists \(args.push ? "in its registry" : "locally"); nothing built (force: true rebuilds)"
            result.set("exists", .bool(true))
            result.set("actions", .array([]))
            return result
        }
        result.changed = true
        if checkMode {
            actions.append("Would build \(target) from \(args.sourceImage)")
            if args.push { actions.append("Would push \(target)") }
            return finish(result, plan: plan, user: originalUser, actions: actions, diffMode: diffMode, target: target)
        }
        if originalUser == nil {
            try engine.pullImage(args.sourceImage, auth: ImageTag.registry(of: args.sourceImage) == ImageTag.registry(of: target) ? auth : nil)
            actions.append("Pulled \(args.sourceImage)")
            guard let inspected = try engine.image(named: args.sourceImage) else {
                throw ModuleFailure("source_image: \(args.sourceImage) is not local after pulling it")
            }
            originalUser = inspected.config.user ?? ""
            plan = try Planner.plan(args, originalUser: originalUser, files: files)
        }
        let build = try engine.buildImage(
            context: plan.context.tar(),
            options: BuildOptions(tag: target, dockerfile: plan.dockerfileName, buildArgs: plan.buildArgs, networkMode: "host"),
            timeout: .seconds(args.timeoutSeconds))
        actions.append("Built \(target)")
        result.set("image_id", build.imageID.map(JSONValue.string) ?? .null)
        result.set("build_output", .array(build.output.suffix(Self.outputTail).map(JSONValue.string)))
        if args.push {
            let digest = try engine.pushImage(target, auth: auth, timeout: .seconds(args.timeoutSeconds))
            actions.append("Pushed \(target)")
            result.set("digest", digest.map(JSONValue.string) ?? .null)
        }
        return finish(result, plan: plan, user: originalUser, actions: actions, diffMode: diffMode, target: target)
    }

    private func finish(_ result: ModuleResult, plan: Plan, user: String?, actions: [String], diffMode: Bool, target: String) -> ModuleResult {
        var result = result
        result.set("pushed", .bool(args.push && actions.contains { $0.hasPrefix("Pushed") }))
        result.set("original_user", user.map(JSONValue.string) ?? .null)
        result.set("dockerfile", .string(plan.dockerfile))
        result.set("context_files", .array(plan.context.filePaths.map(JSONValue.string)))
        result.set("actions", .array(actions.map(JSONValue.string)))
        if diffMode {
            result.diff = [
                Diff(
                    before: .string(""), after: .string(plan.dockerfile), beforeHeader: "\(target) (absent)", afterHeader: "Dockerfile for \(target)")
            ]
        }
        return result
    }

    /// Whether the target is already there: in its registry when pushing, else in the daemon.
    private func targetExists(_ target: String, auth: RegistryAuth?) throws -> Bool {
        if args.push { return try engine.distribution(target, auth: auth) != nil }
        return try engine.image(named: target) != nil
    }

    private func registryAuth(for target: String) -> RegistryAuth? {
        guard let username = args.registryUsername, let password = args.registryPassword else { return nil }
        return RegistryAuth(username: username, password: password, serverAddress: ImageTag.registry(of: target))
    }
}
