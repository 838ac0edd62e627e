import JSON
import Platform

/// The entry point of the multi-call binary: picks the module from the program name (Ansible
/// runs it as `AnsiballZ_<module>`), reads the args file, prints exactly one JSON object.
public enum ModuleRunner {
    /// The collection version printed by `--version`.
    public static let version = "0.1.0"
    /// The name of the multi-call binary itself.
    public static let binaryName = "overcloud-node"
    /// The largest args file accepted (Ansible's are kilobytes; rendered configs a few MB).
    static let maxArgsBytes = 256 << 20

    /// Runs the process and exits with 0 (ok) or 1 (failed); a subcommand's usage error exits with 2.
    public static func main(_ modules: [any AnsibleModule.Type]) -> Never {
        let reply = reply(to: CommandLine.arguments, modules: modules)
        if !reply.stderr.isEmpty { StandardStreams.writeError(reply.stderr) }
        if !reply.stdout.isEmpty { StandardStreams.writeOut(reply.stdout) }
        StandardStreams.exit(reply.status)
    }

    /// Everything `main` does, minus printing and exiting (tests call this).
    public static func reply(to argv: [String], modules: [any AnsibleModule.Type]) -> CommandReply {
        var args = Array(argv.dropFirst())
        var program = Paths.basename(argv.first ?? binaryName)
        if program.hasPrefix("AnsiballZ_") { program = String(program.dropFirst("AnsiballZ_".count)) }
        var module = named(program, in: modules)
        if module == nil, let first = args.first, let chosen = named(first, in: modules), !first.contains(".") {
            module = chosen
            args.removeFirst()
        }
        if let module, let verb = args.first, let subcommand = module.subcommands.first(where: { $0.name == verb }) {
            return subcommand.run(Array(args.dropFirst()))
        }
        let (output, status) = respond(module: module, args: args, modules: modules)
        return CommandReply(stdout: output, status: status)
    }

    /// `reply`'s standard output and status.
    public static func respond(to argv: [String], modules: [any AnsibleModule.Type]) -> (output: String, status: Int32) {
        let reply = reply(to: argv, modules: modules)
        return (reply.stdout, reply.status)
    }

    /// The module faces: the module list, help and options, or an args file.
    private static func respond(module: (any AnsibleModule.Type)?, args: [String], modules: [any AnsibleModule.Type]) -> (String, Int32) {
        if module == nil, args == ["--list-modules"] {
            return (modules.map { $0.name + "\n" }.joined(), 0)
        }
        guard let first = args.first else {
            return (CommandLineFace.overview(modules), module == nil ? 2 : 0)
        }
        if first.hasPrefix("--") || first == "-h" {
            guard let module else { return (CommandLineFace.overview(modules), first == "--help" || first == "-h" ? 0 : 2) }
            return CommandLineFace.run(module, arguments: args)
        }
        return runArgsFile(first, module: module, modules: modules)
    }

    private static func runArgsFile(_ path: String, module: (any AnsibleModule.Type)?, modules: [any AnsibleModule.Type]) -> (String, Int32) {
        let object: JSONObject
        switch readArgsFile(path) {
        case .success(let o): object = o
        case .failure(let problem): return emit(ModuleExecution.failure(problem.message))
        }
        let invocation = Invocation(object)
        guard let chosen = module ?? named(invocation.moduleName, in: modules) else {
            let names = modules.map { $0.name }.joined(separator: ", ")
            return emit(ModuleExecution.failure("cannot tell which module to run: the program name and _ansible_module_name name none of: \(names)"))
        }
        return emit(ModuleExecution.run(chosen, invocation, files: LocalFileSystem()))
    }

    /// The module a `_ansible_module_name` (FQCN or short) refers to.
    private static func named(_ fqcn: String?, in modules: [any AnsibleModule.Type]) -> (any AnsibleModule.Type)? {
        guard let fqcn else { return nil }
        let short = fqcn.split(separator: ".").last.map(String.init) ?? fqcn
        for m in modules where m.answers(to: short) { return m }
        return nil
    }

    struct ArgsFileProblem: Error {
        var message: String
    }

    /// The args file as a JSON object, or the sentence saying why it cannot be used.
    /// `-` reads the arguments from standard input (the collection's fast path sends them there).
    static func readArgsFile(_ path: String) -> Result<JSONObject, ArgsFileProblem> {
        let bytes: [UInt8]
        do {
            let read = try path == "-" ? StandardStreams.readIn(limit: maxArgsBytes) : Files.readIfPresent(path, limit: maxArgsBytes)
            guard let read else {
                return .failure(ArgsFileProblem(message: "args file \(path): no such file"))
            }
            bytes = read
        } catch {
            return .failure(ArgsFileProblem(message: "args file \(path): \(error.reason)"))
        }
        let value: JSONValue
        do {
            value = try JSONParser().parse(bytes)
        } catch {
            return .failure(ArgsFileProblem(message: "args file \(path) is not valid JSON: \(error)"))
        }
        guard case .object(let object) = value else {
            return .failure(ArgsFileProblem(message: "args file \(path): expected a JSON object of module arguments"))
        }
        return .success(object)
    }

    static func emit(_ result: JSONObject, indent: Int? = nil) -> (String, Int32) {
        let failed = result["failed"]?.boolValue ?? false
        return (JSONWriter(indent: indent).write(.object(result)) + "\n", failed ? 1 : 0)
    }
}
