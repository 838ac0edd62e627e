import ImagePrepare
import JSON
import ModuleKit
import Platform
import YAML

extension ContainerImagePrepare {
    /// Evaluates, then writes `output_env_file` and the log. Copying is not part of this build: a real
    /// run whose entries need images copied fails after evaluating, with the parameters and the
    /// upload list in the result.
    static func prepare(_ args: Arguments, map: ImageMap, labels: (any ImageLabelSource)?, on host: Host) throws -> ModuleResult {
        let warnings = WarningBox()
        var discovered: String?
        let preparation = ImagePreparation(
            map: map, labelSource: labels, security: KnownRegistries(insecure: args.insecureRegistries),
            undercloudRegistry: {
                if let given = args.undercloudRegistry { return given }
                if let discovered { return discovered }
                let hosts = (try? host.files.read("/etc/hosts")).flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) }
                let found = UndercloudRegistry.discover(hostname: Environment.hostname(), hosts: hosts)
                if let warning = found.warning { warnings.items.append(warning) }
                discovered = found.registry
                return found.registry
            },
            defaultAppendTag: Environment.localTime(format: "-modified-%Y%m%d%H%M%S"))
        let evaluated: ImagePreparation.Result
        do {
            evaluated = try preparation.prepareWithRoles(environment: args.environment, roles: args.roles)
        } catch {
            throw ModuleFailure("Error running container image prepare: \(error)", extra: ["success": false, "error": .string("\(error)")])
        }
        let params: JSONValue = .object(["parameter_defaults": evaluated.params.yaml.json])
        let uploads: JSONValue = .array(evaluated.uploads.map(\.yaml.json))
        if !args.dryRun && !host.checkMode && !evaluated.uploads.isEmpty {
            let error = "copying \(evaluated.uploads.count) image(s) needs the registry copier, not available in this build yet; "
                + "set dry_run: true to evaluate only"
            throw ModuleFailure(
                "Error running container image prepare: \(error)",
                extra: ["success": false, "error": .string(error), "params": params, "uploads": uploads])
        }
        var result = ModuleResult()
        if let path = args.outputEnvFile {
            let text = DefaultPrepareFile.environmentText(evaluated.params)
            result = try ManagedFile(path: path, backup: args.backup).update(to: Array(text.utf8), on: host, option: "output_env_file")
        }
        if let logFile = args.logFile, !host.checkMode {
            try PrepareLog.append(to: logFile, on: host.files, args: args, result: evaluated)
        }
        result.set("success", .bool(true))
        result.set("error", .string(""))
        result.set("params", params)
        result.set("uploads", uploads)
        result.warnings += warnings.items
        return result
    }
}

/// Warnings raised inside the evaluator's callbacks.
private final class WarningBox {
    var items: [String] = []
}
