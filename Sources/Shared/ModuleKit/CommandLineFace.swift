import JSON
import Platform
import PythonCompat

/// Running a module by hand: `merge_configs --sources a.conf b.conf --dest out.conf [--check] [--diff]`.
/// Options map to module options (`--no-backup` style negation is not needed: `--backup false`).
enum CommandLineFace {
    static func overview(_ modules: [any AnsibleModule.Type]) -> String {
        var text = "\(ModuleRunner.binaryName) \(ModuleRunner.version): overcloud.containers modules in one binary.\n\n"
        text += "Ansible runs each module as <module> ARGS_FILE (the binary is installed under every module name).\n"
        text += "By hand: <module> --help | --spec | --OPTION VALUE... [--check] [--diff]\n"
        text += "         \(ModuleRunner.binaryName) <module> ... | \(ModuleRunner.binaryName) --list-modules\n\nModules:\n"
        for m in modules { text += "  \(m.name.padding(18))\(m.summary)\n" }
        return text
    }

    static func run(_ module: any AnsibleModule.Type, arguments: [String]) -> (String, Int32) {
        if arguments.contains("--help") || arguments.contains("-h") { return (help(module), 0) }
        if arguments == ["--spec"] { return (JSONWriter(indent: 2).write(SpecExport.json(module.spec)) + "\n", 0) }
        if arguments.contains("--version") { return ("\(module.name) (overcloud.containers \(ModuleRunner.version))\n", 0) }
        var object = JSONObject()
        var words = CommandWords(arguments)
        while let (word, _, _) = words.next() {
            guard word.hasPrefix("--"), word.count > 2 else {
                return ModuleRunner.emit(ModuleExecution.failure("unexpected argument '\(word)': options start with --"), indent: 4)
            }
            let name = String(word.dropFirst(2)).replacingAll("-", with: "_")
            let values = words.values()
            switch name {
            case "check":
                object["_ansible_check_mode"] = .bool(values.first.map { $0 != "false" } ?? true)
                continue
            case "diff":
                object["_ansible_diff"] = .bool(values.first.map { $0 != "false" } ?? true)
                continue
            default: break
            }
            let param = module.spec.params.first { $0.name == name || $0.aliases.contains(name) }
            if param?.type == .list {
                object[name] = .array(values.map { .string($0) })
            } else if values.isEmpty {
                object[name] = .bool(true)
            } else if param?.type == .dict || param?.type == .raw, values.count == 1,
                let parsed = try? JSONParser().parse(values[0])
            {
                object[name] = parsed
            } else {
                object[name] = .string(values.joined(separator: " "))
            }
        }
        object["_ansible_module_name"] = .string(module.name)
        return ModuleRunner.emit(ModuleExecution.run(module, Invocation(object), files: LocalFileSystem()), indent: 4)
    }

    static func help(_ module: any AnsibleModule.Type) -> String {
        var text =
            "\(module.name): \(module.summary)\n\nUsage: \(module.name) ARGS_FILE | \(module.name) [--OPTION VALUE...] [--check] [--diff]\n\nOptions:\n"
        for p in module.spec.params {
            var line = "  --\(p.name)"
            var notes: [String] = [p.type == .list ? "list of \(p.elements?.rawValue ?? "raw")" : p.type.rawValue]
            if p.required { notes.append("required") }
            if let d = p.defaultValue { notes.append("default: \(JSONWriter().write(d))") }
            if let c = p.choices { notes.append("choices: " + c.map(PythonText.str).joined(separator: ", ")) }
            if !p.aliases.isEmpty { notes.append("aliases: " + p.aliases.joined(separator: ", ")) }
            line = line.padding(24) + notes.joined(separator: "; ")
            text += line + "\n"
        }
        text += "\nThe full documentation: ansible-doc overcloud.containers.\(module.name)\n"
        return text
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
