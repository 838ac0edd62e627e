import JSON
import ModuleKit

/// One `puppet_config` entry of a service (a dict, or Queens/Train's positional list
/// `[config_volume, puppet_tags, step_config, config_image, volumes, privileged, keep_container]`),
/// checked once: wrong types and unknown keys fail with the entry's index and the key.
struct PuppetConfigItem: Equatable {
    var configVolume: String
    var puppetTags: String?
    var stepConfig: String
    var configImage: String
    var volumes: [String]
    var privileged: Bool

    /// The keys a dict entry may have (`keep_container` is Train's; containers are kept on failure here anyway).
    static let knownKeys = ["config_volume", "puppet_tags", "step_config", "config_image", "volumes", "privileged", "keep_container"]

    /// Parses entry `index`; `nil` for an entry without a config volume (skipped, as TripleO skips it).
    /// - Throws: `ModuleFailure` naming `puppet_config[index]` and the key.
    static func parse(_ value: JSONValue, index: Int) throws(ModuleFailure) -> PuppetConfigItem? {
        let object: JSONObject
        switch value {
        case .object(let dict):
            for key in dict.keys where !knownKeys.contains(key) {
                throw ModuleFailure(
                    "puppet_config[\(index)]: unknown key '\(key)' (known: \(knownKeys.joined(separator: ", ")))")
            }
            object = dict
        case .array(let list):
            guard list.count <= knownKeys.count else {
                throw ModuleFailure("puppet_config[\(index)]: a positional entry has at most \(knownKeys.count) fields, not \(list.count)")
            }
            object = JSONObject(zip(knownKeys, list).map { ($0, $1) })
        default:
            throw ModuleFailure("puppet_config[\(index)]: expected a dict (or a positional list), got \(value.pythonTypeName)")
        }
        let where_ = "puppet_config[\(index)]"
        guard let volume = try string(object, "config_volume", where_), !volume.isEmpty else { return nil }
        let context = "\(where_) (\(volume))"
        guard Self.isSafeName(volume) else {
            throw ModuleFailure("\(context): config_volume must be a plain name ([A-Za-z0-9_.-], not . or ..), got '\(volume)'")
        }
        guard let image = try string(object, "config_image", context), !image.isEmpty else {
            throw ModuleFailure("\(context): config_image is required")
        }
        var tags: String?
        switch object["puppet_tags"] {
        case nil, .null?: tags = nil
        case .string(let text)?: tags = text
        case .array(let list)?:
            let names = list.compactMap(\.stringValue)
            guard names.count == list.count else { throw ModuleFailure("\(context): puppet_tags must be a string or a list of strings") }
            tags = names.joined(separator: ",")
        case let other?: throw ModuleFailure("\(context): puppet_tags must be a string, got \(other.pythonTypeName)")
        }
        var volumes: [String] = []
        switch object["volumes"] {
        case nil, .null?: break
        case .array(let list)?:
            for entry in list {
                guard let text = entry.stringValue else {
                    throw ModuleFailure("\(context): volumes must be a list of 'source:dest[:mode]' strings, found \(entry.pythonTypeName)")
                }
                volumes.append(text)
            }
        case let other?: throw ModuleFailure("\(context): volumes must be a list, got \(other.pythonTypeName)")
        }
        var privileged = false
        switch object["privileged"] {
        case nil, .null?: break
        case .bool(let flag)?: privileged = flag
        case let other?: throw ModuleFailure("\(context): privileged must be a boolean, got \(other.pythonTypeName)")
        }
        return PuppetConfigItem(
            configVolume: volume, puppetTags: tags, stepConfig: try string(object, "step_config", context) ?? "",
            configImage: image, volumes: volumes, privileged: privileged)
    }

    private static func string(_ object: JSONObject, _ key: String, _ context: String) throws(ModuleFailure) -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw ModuleFailure("\(context): \(key) must be a string, got \(other.pythonTypeName)")
        }
    }

    /// A name usable as a directory and in a container name.
    static func isSafeName(_ name: String) -> Bool {
        guard !name.isEmpty, name != ".", name != "..", name.utf8.count <= 200 else { return false }
        return name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x5F || byte == 0x2E || byte == 0x2D
        }
    }
}
