public import JSON

/// Putting the hash into container startup definitions: TripleO `docker_config` entries
/// (`environment` as a list of `KEY=VALUE` or as a mapping) and Kolla service dicts (`environment`
/// mapping); both have `volumes` as a list of `source:dest[:mode]` strings.
extension ConfigHash {
    /// The outcome for one definition.
    public struct Update: Sendable, Equatable {
        /// The definition with the current hash (unchanged when `changed` is false).
        public var definition: JSONValue
        /// The hash computed now, or `nil` when the definition mounts no volume with a checksum.
        public var hash: String?
        /// The hash the definition carried before, if any.
        public var previous: String?
        /// Whether `definition` differs from the input.
        public var changed: Bool { hash != nil && hash != previous }
    }

    /// Computes the hash of `definition` and sets it when it differs from the one it carries
    /// (`update_config_hash_only`: definitions whose configuration did not change stay byte-equal).
    /// A definition without config volumes, or whose volumes have no checksum yet, is left alone.
    /// - Parameters:
    ///   - definition: one container definition (a JSON object; anything else is returned as is).
    ///   - checksum: reads `<base>.md5sum` for a config base.
    public func update(_ definition: JSONValue, checksum: (String) -> String?) -> Update {
        guard var object = definition.objectValue else { return Update(definition: definition, hash: nil, previous: nil) }
        let volumes = object["volumes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let previous = Self.currentHash(of: object)
        let computed = hash(volumes: volumes, checksum: checksum)
        guard let computed, computed != previous else { return Update(definition: definition, hash: computed, previous: previous) }
        object["environment"] = Self.setting(computed, in: object["environment"])
        return Update(definition: .object(object), hash: computed, previous: previous)
    }

    /// The `TRIPLEO_CONFIG_HASH` a definition carries (list or mapping form), if any.
    public static func currentHash(of definition: JSONObject) -> String? {
        switch definition["environment"] {
        case .object(let map):
            return map[variable]?.stringValue
        case .array(let entries):
            let key = variable + "="
            return entries.lazy.compactMap(\.stringValue).last { $0.hasPrefix(key) }.map { String($0.dropFirst(key.count)) }
        default:
            return nil
        }
    }

    /// `environment` with the hash set: a list gets its `TRIPLEO_CONFIG_HASH=` entry replaced (or one
    /// appended), a mapping gets the key set; no environment becomes a mapping.
    static func setting(_ hash: String, in environment: JSONValue?) -> JSONValue {
        switch environment {
        case .array(let entries):
            let key = variable + "="
            var replaced = false
            var out: [JSONValue] = []
            for entry in entries {
                if let text = entry.stringValue, text.hasPrefix(key) {
                    if !replaced { out.append(.string(key + hash)) }
                    replaced = true
                } else {
                    out.append(entry)
                }
            }
            if !replaced { out.append(.string(key + hash)) }
            return .array(out)
        case .object(var map):
            map[variable] = .string(hash)
            return .object(map)
        default:
            return .object([variable: .string(hash)])
        }
    }
}
