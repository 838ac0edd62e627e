public import JSON

/// One startup-config JSON file: either a single container definition (TripleO Wallaby's
/// `container-startup-config/step_N/<name>.json`, named by the file) or a mapping of container name
/// to definition (Queens/Train's `docker-container-startup-config-step_N.json`).
public struct StartupConfigFile: Sendable {
    /// The file's path.
    public let path: String
    /// The definitions by container name, in file order.
    public private(set) var definitions: [(name: String, definition: JSONValue)]
    /// Whether the file holds a single definition (then `definitions` has one entry named after the file).
    public let isSingle: Bool

    /// Why a file cannot be used.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// The text is not JSON (the parser's reason).
        case notJSON(String)
        /// The JSON is not an object.
        case notAnObject

        public var description: String {
            switch self {
            case .notJSON(let reason): return "not valid JSON: \(reason)"
            case .notAnObject: return "not a JSON object of container definitions"
            }
        }
    }

    /// Parses a file's bytes. A top-level object whose values are all objects is a mapping of
    /// definitions; any other object is one definition named after the file (without `.json`).
    /// - Throws: `Problem`.
    public init(path: String, bytes: [UInt8]) throws(Problem) {
        self.path = path
        let value: JSONValue
        do {
            value = try JSONParser().parse(bytes)
        } catch {
            throw .notJSON("\(error)")
        }
        guard let object = value.objectValue else { throw .notAnObject }
        let allObjects = !object.isEmpty && object.allSatisfy { $0.value.objectValue != nil }
        if allObjects {
            definitions = object.map { (name: $0.key, definition: $0.value) }
            isSingle = false
        } else {
            var name = path.split(separator: "/").last.map(String.init) ?? path
            if name.hasSuffix(".json") { name = String(name.dropLast(5)) }
            definitions = [(name: name, definition: value)]
            isSingle = true
        }
    }

    /// Applies `hash` to every definition; returns one update per container, in file order.
    public mutating func apply(_ hash: ConfigHash, checksum: (String) -> String?) -> [(name: String, update: ConfigHash.Update)] {
        var updates: [(name: String, update: ConfigHash.Update)] = []
        for index in definitions.indices {
            let update = hash.update(definitions[index].definition, checksum: checksum)
            definitions[index].definition = update.definition
            updates.append((definitions[index].name, update))
        }
        return updates
    }

    /// The file's text (two-space indent, keys in their original order, trailing newline).
    public var rendered: String {
        let value: JSONValue =
            isSingle
            ? definitions.first?.definition ?? .object(JSONObject())
            : .object(JSONObject(definitions.map { ($0.name, $0.definition) }))
        return JSONWriter(indent: 2).write(value) + "\n"
    }
}
