import JSON
import ModuleKit
import Platform

/// The validated options, typed once.
struct Arguments {
    /// The entries, from the inline list or the JSON file; empty with `update_config_hash_only`.
    var items: [PuppetConfigItem]
    var step: Int
    var prefix: String
    var netHost: Bool
    var debug: Bool
    var noArchive: Bool
    var checkMode: Bool
    var hostname: String
    var processCount: Int
    var containerCLI: String
    var dockerHost: String?
    var updateConfigHashOnly: Bool
    var startupConfigPattern: String?
    var containerDefinitions: JSONObject?
    var configVolume: String?
    var namePrefix: String
    var scriptDir: String
    var keepFailed: Bool
    var retries: Int

    init(_ params: Params, on host: Host) throws {
        step = params.number("step")
        guard (1...6).contains(step) else { throw ModuleFailure("step: must be between 1 and 6, got \(step)") }
        prefix = ConfigPaths.trimmed(params.text("config_vol_prefix"))
        guard prefix.hasPrefix("/"), prefix != "/" else {
            throw ModuleFailure("config_vol_prefix: must be an absolute directory other than /, got '\(prefix)'")
        }
        netHost = params.bool("net_host")
        debug = params.bool("debug")
        noArchive = params.bool("no_archive")
        checkMode = host.checkMode || params.bool("check_mode")
        let short = params.text("short_hostname")
        let fullName = short.isEmpty ? (Environment.hostname() ?? "localhost") : short
        hostname = String(fullName.split(separator: ".").first ?? Substring(fullName))
        processCount = params.number("process_count")
        guard processCount >= 1 else { throw ModuleFailure("process_count: must be at least 1, got \(processCount)") }
        containerCLI = params.text("container_cli")
        dockerHost = params.string("docker_host")
        updateConfigHashOnly = params.bool("update_config_hash_only")
        startupConfigPattern = params.string("startup_config_pattern").flatMap { $0.isEmpty ? nil : $0 }
        containerDefinitions = params.dict("container_definitions")
        configVolume = params.string("config_volume").flatMap { $0.isEmpty ? nil : $0 }
        namePrefix = params.text("container_name_prefix")
        guard namePrefix.isEmpty || PuppetConfigItem.isSafeName(namePrefix) else {
            throw ModuleFailure("container_name_prefix: only [A-Za-z0-9_.-] may be used, got '\(namePrefix)'")
        }
        scriptDir = ConfigPaths.trimmed(params.text("script_dir"))
        keepFailed = params.bool("keep_failed")
        retries = params.number("retries")
        guard retries >= 1 else { throw ModuleFailure("retries: must be at least 1, got \(retries)") }
        items = try Self.items(params["puppet_config"], required: !updateConfigHashOnly, files: host.files)
    }

    /// The entries of `puppet_config`: an inline list, or the path of a JSON file holding one
    /// (`container-puppet.json`). A file holding `null` or nothing is an empty list (TripleO crashed on it).
    static func items(_ value: JSONValue?, required: Bool, files: any FileSystem) throws -> [PuppetConfigItem] {
        let list: [JSONValue]
        switch value {
        case nil, .null?:
            guard !required else { throw ModuleFailure("puppet_config: required unless update_config_hash_only is true") }
            return []
        case .array(let entries)?:
            list = entries
        case .string(let path)?:
            if path.isEmpty && !required { return [] }
            list = try readList(path, files: files)
        case let other?:
            throw ModuleFailure("puppet_config: expected a list of entries or the path of a JSON file, got \(other.pythonTypeName)")
        }
        var items: [PuppetConfigItem] = []
        for (index, entry) in list.enumerated() {
            if let item = try PuppetConfigItem.parse(entry, index: index) { items.append(item) }
        }
        return items
    }

    private static func readList(_ path: String, files: any FileSystem) throws -> [JSONValue] {
        guard path.hasPrefix("/") else { throw ModuleFailure("puppet_config: '\(path)' is neither a list nor an absolute file path") }
        let bytes: [UInt8]?
        do {
            bytes = try files.read(path)
        } catch {
            throw ModuleFailure("puppet_config: cannot read \(path): \(error)")
        }
        guard let bytes else { throw ModuleFailure("puppet_config: \(path) does not exist") }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [] }
        let value: JSONValue
        do {
            value = try JSONParser().parse(bytes)
        } catch {
            throw ModuleFailure("puppet_config: \(path) is not valid JSON: \(error)")
        }
        switch value {
        case .null: return []
        case .array(let entries): return entries
        default: throw ModuleFailure("puppet_config: \(path) must hold a JSON list, not \(value.pythonTypeName)")
        }
    }
}

/// Paths of one run under a config-data root.
enum ConfigPaths {
    /// `path` without trailing slashes (`/` stays `/`).
    static func trimmed(_ path: String) -> String {
        var out = Substring(path)
        while out.count > 1, out.hasSuffix("/") { out = out.dropLast() }
        return String(out)
    }

    /// `<prefix>/<volume>.md5sum` (the whole mirror) and `<prefix>/puppet-generated/<volume>.md5sum`.
    static func checksumFiles(prefix: String, volume: String) -> (configData: String, generated: String) {
        ("\(prefix)/\(volume).md5sum", "\(prefix)/puppet-generated/\(volume).md5sum")
    }

    /// A checksum file's value (first line, trimmed), or `nil` when missing or empty.
    static func readChecksum(_ path: String, files: any FileSystem) -> String? {
        guard let bytes = try? files.read(path) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == " " }).first
        return text.map(String.init)
    }
}
