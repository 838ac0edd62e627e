import ImageCopy
import ImagePrepare
import JSON
import ModuleKit
import Platform
import Registry
import YAML

extension ContainerImagePrepare {
    /// Evaluates, copies the images (unless `dry_run`; in check mode only reads manifests), then
    /// writes `output_env_file` and the log.
    static func prepare(
        _ args: Arguments, map: ImageMap, labels: (any ImageLabelSource)?, registry: RegistryAccess?, on host: Host
    )
        throws -> ModuleResult
    {
        let warnings = WarningBox()
        var discovered: String?
        let client = registry.map { Self.client(args, access: $0) }
        var preparation = ImagePreparation(
            map: map, labelSource: labels ?? client.map { RegistryLabelSource(client: $0) },
            security: KnownRegistries(insecure: args.insecureRegistries.union(args.noVerifyRegistries)),
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
        if let client {
            preparation.security = KnownRegistries(insecure: Self.insecureRegistries(args, preparation: preparation, client: client))
        }
        let evaluated: ImagePreparation.Result
        do {
            evaluated = try preparation.prepareWithRoles(environment: args.environment, roles: args.roles)
        } catch {
            throw ModuleFailure("Error running container image prepare: \(error)", extra: ["success": false, "error": .string("\(error)")])
        }
        let params: JSONValue = .object(["parameter_defaults": evaluated.params.yaml.json])
        let uploads: JSONValue = .array(evaluated.uploads.map(\.yaml.json))
        var copied: CopyReport?
        if !args.dryRun && !evaluated.uploads.isEmpty {
            guard let client, let registry else {
                let error =
                    "copying \(evaluated.uploads.count) image(s) needs registry access, which this run does not have; "
                    + "set dry_run: true to evaluate only"
                throw ModuleFailure(
                    "Error running container image prepare: \(error)",
                    extra: ["success": false, "error": .string(error), "params": params, "uploads": uploads])
            }
            let report = Self.copy(evaluated.uploads, client: client, access: registry, args: args, checkMode: host.checkMode)
            if let logFile = args.logFile, !host.checkMode {
                try PrepareLog.appendLines(report.lines, to: logFile, on: host.files)
            }
            if let failure = report.failureMessage {
                // Images copied before (or beside) the failure stay written: the task changed something.
                throw ModuleFailure(
                    "Error running container image prepare: \(failure)", changed: report.stats.copied > 0,
                    extra: [
                        "success": false, "error": .string(failure), "params": params, "uploads": uploads, "copies": report.copiesJSON,
                        "copy_stats": report.stats.json,
                    ])
            }
            copied = report
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
        result.set("copies", copied?.copiesJSON ?? .array([]))
        if let copied {
            result.set("copy_stats", copied.stats.json)
            result.set("removed_local_images", .array(copied.removedLocalImages.map(JSONValue.string)))
            if copied.stats.copied > 0 { result.changed = true }
        }
        result.warnings += warnings.items
        return result
    }

    /// The hosts `DockerInsecureRegistryAddress` may list: `insecure_registries`, `no_verify_registries`
    /// and the push destinations a probe finds insecure (``RegistryClient/isInsecure(registry:)``: once
    /// per host, all at once, before evaluating; also in dry_run and check mode, it only reads). An
    /// environment evaluation rejects probes nothing: evaluation then fails with its own message.
    static func insecureRegistries(_ args: Arguments, preparation: ImagePreparation, client: RegistryClient) -> Set<String> {
        let forced = args.insecureRegistries.union(args.noVerifyRegistries)
        let destinations = ((try? preparation.pushDestinations(environment: args.environment, roles: args.roles)) ?? [])
            .filter { !forced.contains($0) && !KnownRegistries.alwaysSecure.contains($0) }
        guard !destinations.isEmpty else { return forced }
        let found =
            (try? Blocking.run {
                await withTaskGroup(of: String?.self, returning: Set<String>.self) { group in
                    for host in destinations { group.addTask { await client.isInsecure(registry: host) ? host : nil } }
                    var insecure: Set<String> = []
                    for await host in group { if let host { insecure.insert(host) } }
                    return insecure
                }
            }) ?? []
        return forced.union(found)
    }

    /// The run's registry client: insecure/no-verify hosts from the arguments, credentials and the
    /// docker.io mirror from the environment's `parameter_defaults`.
    static func client(_ args: Arguments, access: RegistryAccess) -> RegistryClient {
        let pd = args.environment["parameter_defaults"]
        var mirrors: [String: String] = [:]
        if let mirror = pd?["DockerRegistryMirror"]?.stringValue, !mirror.isEmpty { mirrors["docker.io"] = mirror }
        let configuration = RegistryClient.Configuration(
            insecure: args.insecureRegistries, noVerify: args.noVerifyRegistries,
            credentials: RegistryCredentials.logins(pd?["ContainerImageRegistryCredentials"]).mapValues {
                Credentials(username: $0.username, password: $0.password)
            }, mirrors: mirrors, probeUnknown: access.probeUnknown,
            retry: access.retry)
        return RegistryClient(transport: access.transport, configuration: configuration)
    }
}

/// Warnings raised inside the evaluator's callbacks.
private final class WarningBox {
    var items: [String] = []
}
