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
///
/// Progress goes to stderr; stdout gets the `parameter_defaults` YAML (or the module result with
/// `--json`). Exit status 0 on success, 1 on failure, 2 on a usage error.
public enum PrepareCommand {
    /// Runs the command when `argv` is one (`… container_image_prepare prepare|default …`) and
    /// returns its output and exit status; `nil` when `argv` is for the module runner.
    /// - Parameter module: what runs the arguments (the deploy binary's adds `modify_role` support).
    public static func respond(
        to argv: [String], module: any AnsibleModule.Type = ContainerImagePrepare.self
    ) -> (stdout: String, stderr: String, status: Int32)? {
        var words = Array(argv.dropFirst())
        let program = Paths.basename(argv.first ?? "")
        if program != ContainerImagePrepare.name {
            guard words.first == ContainerImagePrepare.name else { return nil }
            words.removeFirst()
        }
        guard let verb = words.first, let mode = PrepareMode(rawValue: verb) else { return nil }
        words.removeFirst()
        let options: Options
        do {
            options = try Options.parse(words, mode: mode)
        } catch {
            return ("", "container_image_prepare \(verb): \(error.message)\n\(usage)", 2)
        }
        if options.help { return (usage, "", 0) }
        let object: JSONObject
        do {
            object = try options.moduleArguments()
        } catch {
            return ("", "container_image_prepare \(verb): \(error.message)\n", 1)
        }
        let result = ModuleExecution.run(module, Invocation(object), files: LocalFileSystem())
        return render(result, options: options)
    }

    /// Prints and exits when `argv` is a command; returns otherwise.
    public static func mainIfCommand(_ argv: [String], module: any AnsibleModule.Type = ContainerImagePrepare.self) {
        guard let (stdout, stderr, status) = respond(to: argv, module: module) else { return }
        if !stderr.isEmpty { StandardStreams.writeError(stderr) }
        if !stdout.isEmpty { StandardStreams.writeOut(stdout) }
        StandardStreams.exit(status)
    }

    static func render(_ result: JSONObject, options: Options) -> (stdout: String, stderr: String, status: Int32) {
        let failed = result["failed"]?.boolValue ?? false
        var stderr = ""
        for warning in result["warnings"]?.arrayValue ?? [] { stderr += "warning: \(warning.stringValue ?? "")\n" }
        if failed { stderr += "error: \(result["msg"]?.stringValue ?? "failed")\n" }
        if options.json { return (JSONWriter(indent: 2).write(.object(result)) + "\n", stderr, failed ? 1 : 0) }
        guard !failed else { return ("", stderr, 1) }
        if options.outputEnvFile != nil { return ("", stderr, 0) }
        if options.mode == .default { return (result["content"]?.stringValue ?? "", stderr, 0) }
        let params = result["params"]?.objectValue?["parameter_defaults"] ?? .object(JSONObject())
        return (YAML.dump(.mapping([YAMLPair("parameter_defaults", YAMLValue(json: params))])), stderr, 0)
    }

    static let usage = """
        usage: container_image_prepare prepare -e FILE [-e FILE ...] [-r ROLES_DATA] [--output-env-file F] [--dry-run]
                   [--concurrency N] [--insecure-registry HOST]... [--no-verify-registry HOST]... [--ca-file PEM]
                   [--log-file F] [--cleanup full|partial|none] [--image-map 18|rocky|FILE]
                   [--undercloud-registry HOST:PORT] [--debug] [--json]
               container_image_prepare default [--local-push-destination] [--enable-registry-login]
                   [--output-env-file F] [--image-map 18|rocky|FILE] [--json]

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

        static func parse(_ words: [String], mode: PrepareMode) throws(UsageError) -> Options {
            var options = Options(mode: mode)
            var index = 0
            func value(_ flag: String, inline: String?) throws(UsageError) -> String {
                if let inline { return inline }
                index += 1
                guard index < words.count else { throw UsageError(message: "\(flag) needs a value") }
                return words[index]
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
            while index < words.count {
                let word = words[index]
                var flag = word
                var inline: String?
                if word.hasPrefix("--"), let eq = word.firstIndex(of: "=") {
                    flag = String(word[..<eq])
                    inline = String(word[word.index(after: eq)...])
                }
                switch flag {
                case "-h", "--help": options.help = true
                case "--json": options.json = true
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
                index += 1
            }
            if mode == .prepare, options.environmentFiles.isEmpty, !options.help {
                throw UsageError(message: "at least one -e/--environment-file is needed")
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
