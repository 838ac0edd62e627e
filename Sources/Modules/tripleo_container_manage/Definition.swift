import ContainerNotation
import JSON
import ModuleKit

/// One container startup definition, checked and typed once: how it runs (flow keys) and the
/// engine request it becomes (`StartupRequest`). Every problem names the container and the key.
struct Definition {
    enum Action: String { case run, exec }

    let name: String
    /// The definition as given: the `config_data` label, compared to decide whether to recreate.
    let raw: JSONObject
    let action: Action
    let detach: Bool
    let startOrder: Int
    let exitCodes: [Int]
    let retries: Int
    let retrySleep: Int
    let dependsOn: [String]
    let image: String?
    /// `action: exec`: the container the command runs in (`command[0]`) and the rest of the command.
    let execTarget: String?
    let command: [String]
    /// `remove: true` on a one-shot container: removed by the module once its output is read.
    let removeAfterRun: Bool
    /// Host paths among the volume sources (paunch checks they exist before starting anything).
    let volumeSources: [String]

    init(name: String, value: JSONValue) throws(ModuleFailure) {
        self.name = name
        guard Self.isValidName(name) else {
            throw ModuleFailure("\(name): not a valid container name ([a-zA-Z0-9][a-zA-Z0-9_.-]*)")
        }
        guard let raw = value.objectValue else {
            throw ModuleFailure("\(name): the definition must be a dict, got \(value.pythonTypeName)")
        }
        self.raw = raw
        for key in raw.keys {
            if let problem = DefinitionKeys.problem(key) { throw ModuleFailure("\(name): \(key): \(problem)") }
        }
        let keys = KeyReader(name: name, raw: raw)
        let actionText = try keys.string("action") ?? "run"
        guard let action = Action(rawValue: actionText) else {
            throw ModuleFailure("\(name): action: must be run or exec, got '\(actionText)'")
        }
        self.action = action
        detach = try keys.bool("detach") ?? true
        startOrder = try keys.int("start_order") ?? 0
        exitCodes = try keys.intList("exit_codes") ?? [0]
        retries = try keys.int("retries") ?? 0
        retrySleep = try keys.int("retry_sleep") ?? 30
        guard retries >= 0, retrySleep >= 0 else { throw ModuleFailure("\(name): retries/retry_sleep: must not be negative") }
        dependsOn = try keys.stringList("depends_on") ?? []
        image = try keys.string("image")
        command = try keys.command("command") ?? []
        let remove = try keys.bool("remove") ?? false
        removeAfterRun = !detach && action == .run && remove
        switch action {
        case .run:
            guard let image, !image.isEmpty else { throw ModuleFailure("\(name): image: required (a container to run needs an image)") }
            execTarget = nil
        case .exec:
            guard let target = command.first, !target.isEmpty else {
                throw ModuleFailure("\(name): command: action exec needs the target container as its first word")
            }
            execTarget = target
            for key in raw.keys
            where ![
                "action", "command", "user", "privileged", "environment", "start_order", "exit_codes",
                "retries", "retry_sleep", "depends_on", "detach", "config_volume",
            ].contains(key) {
                throw ModuleFailure("\(name): \(key): not used by action exec (exec takes command, user, privileged, environment)")
            }
        }
        volumeSources = try (keys.stringList("volumes") ?? []).compactMap { volume -> String? in
            guard !volume.isEmpty else { return nil }
            let source = VolumeSpec.source(of: volume)
            return source.contains("/") ? source : nil
        }
        _ = try StartupRequest.body(self)  // every container key checked before anything runs
    }

    /// Docker's container name rule.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIIAlphanumeric else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "_" || $0 == "." || $0 == "-" }
    }
}

extension Unicode.Scalar {
    var isASCIIAlphanumeric: Bool {
        (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }
}

/// Typed reads of a definition's keys; a wrong type fails naming the container and the key.
struct KeyReader {
    let name: String
    let raw: JSONObject

    func fail(_ key: String, _ problem: String) -> ModuleFailure { ModuleFailure("\(name): \(key): \(problem)") }

    /// A scalar as Python's `str` (paunch formats values with `%s`); `nil` when absent.
    func string(_ key: String) throws(ModuleFailure) -> String? {
        guard let value = raw[key] else { return nil }
        switch value {
        case .string(let s): return s
        case .int, .double, .bool: return AnsibleTypes.str(value)
        default: throw fail(key, "expected a string, got \(value.pythonTypeName)")
        }
    }

    func bool(_ key: String) throws(ModuleFailure) -> Bool? {
        guard let value = raw[key] else { return nil }
        switch value {
        case .bool(let b): return b
        case .string(let s) where ["true", "yes", "1"].contains(s.lowercased()): return true
        case .string(let s) where ["false", "no", "0"].contains(s.lowercased()): return false
        case .int(let i) where i == 0 || i == 1: return i == 1
        default: throw fail(key, "expected a boolean, got \(AnsibleTypes.repr(value))")
        }
    }

    func int(_ key: String) throws(ModuleFailure) -> Int? {
        guard let value = raw[key] else { return nil }
        switch value {
        case .int(let i): return i
        case .string(let s): if let i = Int(s) { return i }
        default: break
        }
        throw fail(key, "expected an integer, got \(AnsibleTypes.repr(value))")
    }

    func intList(_ key: String) throws(ModuleFailure) -> [Int]? {
        guard let value = raw[key] else { return nil }
        guard let items = value.arrayValue else { throw fail(key, "expected a list of integers, got \(value.pythonTypeName)") }
        return try items.map { item throws(ModuleFailure) in
            guard let i = item.intValue else { throw fail(key, "expected a list of integers, got \(AnsibleTypes.repr(item))") }
            return i
        }
    }

    /// A list of scalars (as strings); `nil` when absent.
    func stringList(_ key: String) throws(ModuleFailure) -> [String]? {
        guard let value = raw[key] else { return nil }
        guard let items = value.arrayValue else { throw fail(key, "expected a list, got \(value.pythonTypeName)") }
        return try items.map { item throws(ModuleFailure) in
            switch item {
            case .string(let s): return s
            case .int, .double, .bool: return AnsibleTypes.str(item)
            default: throw fail(key, "expected a list of strings, got an item \(AnsibleTypes.repr(item))")
            }
        }
    }

    /// paunch's `list_or_string_arg`: one string or a list of them.
    func stringOrList(_ key: String) throws(ModuleFailure) -> [String]? {
        guard let value = raw[key] else { return nil }
        if value.arrayValue == nil { return [try string(key) ?? ""] }
        return try stringList(key)
    }

    /// paunch's `command_argument`: a string split on whitespace (no shell quoting), or a list.
    func command(_ key: String) throws(ModuleFailure) -> [String]? {
        guard let value = raw[key] else { return nil }
        if case .string(let text) = value { return EngineUnits.pythonSplit(text) }
        return try stringList(key)
    }
}
