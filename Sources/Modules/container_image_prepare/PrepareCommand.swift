import ImagePrepare
import JSON
public import ModuleKit
import Platform
import YAML

/// The command-line face, like `openstack tripleo container image prepare`:
///
///     overcloud-deploy container_image_prepare prepare -e FILE [-e FILE…] [-r ROLES] [--output-env-file F]
///         [--dry-run] [--concurrency N] [--insecure-registry H]… [--no-verify-registry H]… [--ca-file F]
///         [--log-file F] [--cleanup full|partial|none] [--image-map M] [--undercloud-registry H:P] [--debug] [--json]
///     overcloud-deploy container_image_prepare default [--local-push-destination] [--enable-registry-login]
///         [--output-env-file F] [--image-map M] [--json]
///     overcloud-deploy container_image_prepare kolla-build-command -e FILE [-e FILE…] [-r ROLES]
///         [--config-file F]… [--exclude NAME]… [--template-only --work-dir D] [--image-map M] …
///
/// Progress goes to stderr; stdout gets the `parameter_defaults` YAML (or the module result with
/// `--json`). `kolla-build-command` evaluates like `prepare --dry-run` in check mode, without registry
/// access, and prints the `kolla-build` command line(s) for the images the run would copy, shell-quoted,
/// one per line. Exit status 0 on success, 1 on failure, 2 on a usage error.
public enum PrepareCommand {
    /// The verbs `prepare`, `default` and `kolla-build-command`.
    /// - Parameter module: what runs the arguments (the deploy binary's adds `modify_role` support).
    public static func subcommands(running module: any AnsibleModule.Type) -> [Subcommand] {
        PrepareMode.allCases.map { mode in
            Subcommand(mode.rawValue) { words in respond(verb: mode.rawValue, mode: mode, words: words, module: module) }
        } + [Subcommand(kollaBuildVerb) { words in respond(verb: kollaBuildVerb, mode: .prepare, words: words, module: module) }]
    }

    /// Runs one verb on the words after it.
    static func respond(verb: String, mode: PrepareMode, words: [String], module: any AnsibleModule.Type) -> CommandReply {
        let kollaBuild = verb == kollaBuildVerb
        let options: Options
        do {
            options = try Options.parse(words, mode: mode, kollaBuild: kollaBuild)
        } catch {
            return CommandReply(stdout: "", stderr: "container_image_prepare \(verb): \(error.message)\n\(usage)", status: 2)
        }
        if options.help { return CommandReply(stdout: usage, status: 0) }
        var object: JSONObject
        do {
            object = try options.moduleArguments()
        } catch {
            return CommandReply(stdout: "", stderr: "container_image_prepare \(verb): \(error.message)\n", status: 1)
        }
        if let kolla = options.kolla {
            object["dry_run"] = .bool(true)
            object["_ansible_check_mode"] = .bool(true)
            return renderKollaBuild(ModuleExecution.run(EvaluationOnly.self, Invocation(object), files: LocalFileSystem()), kolla)
        }
        let result = ModuleExecution.run(module, Invocation(object), files: LocalFileSystem())
        return render(result, options: options)
    }

    /// The verb that prints kolla-build command lines instead of preparing.
    static let kollaBuildVerb = "kolla-build-command"

    /// The kolla-build command lines for the `uploads` of an evaluation result, one per line.
    static func renderKollaBuild(_ result: JSONObject, _ kolla: KollaBuild) -> CommandReply {
        var stderr = ""
        for warning in result["warnings"]?.arrayValue ?? [] { stderr += "warning: \(warning.stringValue ?? "")\n" }
        if result["failed"]?.boolValue ?? false {
            return CommandReply(stdout: "", stderr: stderr + "error: \(result["msg"]?.stringValue ?? "failed")\n", status: 1)
        }
        let images = (result["uploads"]?.arrayValue ?? []).map { upload in
            KollaBuild.Image(imagename: upload.objectValue?["imagename"]?.stringValue, imageSource: upload.objectValue?["image_source"]?.stringValue)
        }
        let lines = kolla.commands(for: images).map { $0.map(shellQuoted).joined(separator: " ") + "\n" }
        return CommandReply(stdout: lines.joined(), stderr: stderr, status: 0)
    }

    /// A word as Python's `shlex.quote` writes it: as is when only `[A-Za-z0-9_@%+=:,./-]`, else single-quoted.
    static func shellQuoted(_ word: String) -> String {
        let safe =
            !word.isEmpty
            && word.unicodeScalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || "_@%+=:,./-".unicodeScalars.contains(scalar)
            }
        if safe { return word }
        var quoted = "'"
        for character in word { quoted += character == "'" ? "'\"'\"'" : String(character) }
        return quoted + "'"
    }

    /// Evaluation without registry access: entries that need tag discovery fail, nothing is copied.
    enum EvaluationOnly: SecretBearingModule {
        static var name: String { ContainerImagePrepare.name }
        static var summary: String { ContainerImagePrepare.summary }
        static var spec: ModuleSpec { ContainerImagePrepare.spec }
        static func secrets(in params: JSONObject) -> Set<String> { ContainerImagePrepare.secrets(in: params) }
        static func run(_ params: Params, on host: Host) throws -> ModuleResult {
            try ContainerImagePrepare.run(params, on: host, registries: .none(labels: nil))
        }
    }

    static func render(_ result: JSONObject, options: Options) -> CommandReply {
        let failed = result["failed"]?.boolValue ?? false
        var stderr = ""
        for warning in result["warnings"]?.arrayValue ?? [] { stderr += "warning: \(warning.stringValue ?? "")\n" }
        if failed { stderr += "error: \(result["msg"]?.stringValue ?? "failed")\n" }
        if options.json { return CommandReply(stdout: JSONWriter(indent: 2).write(.object(result)) + "\n", stderr: stderr, status: failed ? 1 : 0) }
        guard !failed else { return CommandReply(stdout: "", stderr: stderr, status: 1) }
        if options.outputEnvFile != nil { return CommandReply(stdout: "", stderr: stderr, status: 0) }
        if options.mode == .default { return CommandReply(stdout: result["content"]?.stringValue ?? "", stderr: stderr, status: 0) }
        let params = result["params"]?.objectValue?["parameter_defaults"] ?? .object(JSONObject())
        return CommandReply(stdout: YAML.dump(.mapping([YAMLPair("parameter_defaults", YAMLValue(json: params))])), stderr: stderr, status: 0)
    }

    static let usage = """
        usage: container_image_prepare prepare -e FILE [-e FILE ...] [-r ROLES_DATA] [--output-env-file F] [--dry-run]
                   [--concurrency N] [--insecure-registry HOST]... [--no-verify-registry HOST]... [--ca-file PEM]
                   [--log-file F] [--cleanup full|partial|none] [--image-map 18|rocky|FILE]
                   [--undercloud-registry HOST:PORT] [--debug] [--json]
               container_image_prepare default [--local-push-destination] [--enable-registry-login]
                   [--output-env-file F] [--image-map 18|rocky|FILE] [--json]
               container_image_prepare kolla-build-command -e FILE [-e FILE ...] [-r ROLES_DATA] [--config-file F]...
                   [--exclude NAME]... [--template-only --work-dir DIR] [--image-map 18|rocky|FILE]
                   [--undercloud-registry HOST:PORT] [--insecure-registry HOST]...
                   (evaluates like prepare --dry-run, without registry access, and prints the kolla-build command
                   line(s) for the kolla images the run would copy, shell-quoted, one per line)

        """

    /// A usage error.
    struct UsageError: Error {
        var message: String
    }

    /// The parsed command line.
    struct Options {
        var mode: PrepareMode
        var environmentFiles: [String] = []
        var rolesFile: String?
        var values = JSONObject()
        var outputEnvFile: String?
        var json = false
        var help = false
        /// `kolla-build-command`: the command line to assemble.
        var kolla: KollaBuild?

        static func parse(_ words: [String], mode: PrepareMode, kollaBuild: Bool = false) throws(UsageError) -> Options {
            var options = Options(mode: mode)
            var kolla = KollaBuild()
            var templateOnly = false
            var workDir: String?
            var scanner = CommandWords(words)
            func value(_ flag: String, inline: String?) throws(UsageError) -> String {
                guard let value = scanner.value(inline: inline) else { throw UsageError(message: "\(flag) needs a value") }
                return value
            }
            let flags: [String: String] = [
                "--local-push-destination": "local_push_destination", "--enable-registry-login": "enable_registry_login",
                "--dry-run": "dry_run", "--debug": "debug",
            ]
            let single: [String: String] = [
                "--log-file": "log_file", "--cleanup": "cleanup", "--image-map": "image_map", "--undercloud-registry": "undercloud_registry",
                "--ca-file": "ca_file",
            ]
            let lists: [String: String] = ["--insecure-registry": "insecure_registries", "--no-verify-registry": "no_verify_registries"]
            while let (word, flag, inline) = scanner.next() {
                if kollaBuild, ["--output-env-file", "--log-file", "--json"].contains(flag) {
                    throw UsageError(message: "\(flag) is not used by kolla-build-command")
                }
                switch flag {
                case "-h", "--help": options.help = true
                case "--json": options.json = true
                case "--config-file" where kollaBuild: kolla.configFiles.append(try value(flag, inline: inline))
                case "--exclude" where kollaBuild: kolla.excludes.append(try value(flag, inline: inline))
                case "--template-only" where kollaBuild && inline == nil: templateOnly = true
                case "--work-dir" where kollaBuild: workDir = try value(flag, inline: inline)
                case "-e", "--environment-file": options.environmentFiles.append(try value(flag, inline: inline))
                case "-r", "--roles-file": options.rolesFile = try value(flag, inline: inline)
                case "--output-env-file": options.outputEnvFile = try value(flag, inline: inline)
                case "--concurrency":
                    let text = try value(flag, inline: inline)
                    guard let n = Int(text), n >= 1 else { throw UsageError(message: "--concurrency: expected a number >= 1, got '\(text)'") }
                    options.values["concurrency"] = .int(n)
                default:
                    if let name = flags[flag], inline == nil {
                        options.values[name] = .bool(true)
                    } else if let name = single[flag] {
                        options.values[name] = .string(try value(flag, inline: inline))
                    } else if let name = lists[flag] {
                        let item = JSONValue.string(try value(flag, inline: inline))
                        options.values[name] = .array((options.values[name]?.arrayValue ?? []) + [item])
                    } else {
                        throw UsageError(message: "unknown argument '\(word)'")
                    }
                }
            }
            if mode == .prepare, options.environmentFiles.isEmpty, !options.help {
                throw UsageError(message: "at least one -e/--environment-file is needed")
            }
            if kollaBuild {
                guard templateOnly == (workDir != nil) else { throw UsageError(message: "--template-only and --work-dir go together") }
                if let workDir { kolla.mode = .templateOnly(workDir: workDir) }
                options.kolla = kolla
            }
            return options
        }

        /// The module arguments: environment files merged, roles loaded.
        func moduleArguments() throws(UsageError) -> JSONObject {
            var object = values
            object["_ansible_module_name"] = .string(ContainerImagePrepare.name)
            object["mode"] = .string(mode.rawValue)
            if let outputEnvFile { object["output_env_file"] = .string(outputEnvFile) }
            if mode == .prepare {
                object["progress"] = .bool(true)
                var environment = JSONObject()
                for file in environmentFiles {
                    guard case .object(let loaded) = try Self.loadYAML(file) else {
                        throw UsageError(message: "\(file): expected a heat environment (a mapping with parameter_defaults)")
                    }
                    environment = Self.merge(environment, loaded)
                }
                object["environment"] = .object(environment)
                if let rolesFile {
                    guard case .array(let roles) = try Self.loadYAML(rolesFile) else {
                        throw UsageError(message: "\(rolesFile): expected a list of roles")
                    }
                    object["roles_data"] = .array(roles)
                }
            }
            return object
        }

        static func loadYAML(_ path: String) throws(UsageError) -> JSONValue {
            let bytes: [UInt8]?
            do {
                bytes = try Files.readIfPresent(path)
            } catch {
                throw UsageError(message: "\(path): \(error)")
            }
            guard let bytes else { throw UsageError(message: "\(path): no such file") }
            do {
                return (try YAML.load(String(decoding: bytes, as: UTF8.self)))?.json ?? .null
            } catch {
                throw UsageError(message: "\(path): not valid YAML: \(error)")
            }
        }

        /// Heat's environment merge: `parameter_defaults`, `parameters` and `resource_registry` merged
        /// key by key (the later file wins), other keys replaced.
        static func merge(_ base: JSONObject, _ next: JSONObject) -> JSONObject {
            var out = base
            for (key, value) in next {
                if ["parameter_defaults", "parameters", "resource_registry"].contains(key), case .object(let old)? = out[key],
                    case .object(let new) = value
                {
                    var merged = old
                    for (k, v) in new { merged[k] = v }
                    out[key] = .object(merged)
                } else {
                    out[key] = value
                }
            }
            return out
        }
    }
}
