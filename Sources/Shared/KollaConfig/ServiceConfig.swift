public import JSON

/// The parsed `/var/lib/kolla/config_files/config.json` of a Kolla container.
///
/// JSON only: Kolla also reads a `config.yaml` beside it when present; this port does not (Kolla-Ansible
/// writes `config.json`). Keys (Kolla's image API): `command` (required), `config_files`, `directories`,
/// `files`, `permissions`. Unknown top-level keys are ignored, as in Kolla.
public struct ServiceConfig: Sendable, Equatable {
    /// The service command line, written to `/run_command` and exec'd by `kolla_start`.
    public var command: String
    /// Files to copy into place.
    public var configFiles: [ConfigFileEntry]
    /// Directories to create (if missing) and give an owner and mode.
    public var directories: [PathEntry]
    /// Empty files to create (if missing) and give an owner and mode.
    public var files: [PathEntry]
    /// Owner/mode changes applied last (globs, optional recursion).
    public var permissions: [PermissionEntry]

    /// A config from its parts.
    public init(
        command: String, configFiles: [ConfigFileEntry] = [], directories: [PathEntry] = [], files: [PathEntry] = [],
        permissions: [PermissionEntry] = []
    ) {
        self.command = command
        self.configFiles = configFiles
        self.directories = directories
        self.files = files
        self.permissions = permissions
    }

    /// Parses and validates the bytes of `config.json` read from `path` (named in messages).
    /// - Throws: `KollaError.invalidConfig` ("Invalid json file found at …", or what is wrong).
    /// `excludes` compiles `permissions[].exclude` patterns (and so validates them); without it they
    /// stay uncompiled, which is enough for `--check`.
    public static func parse(_ bytes: [UInt8], path: String, excludes: ExcludeCompiler? = nil) throws(KollaError) -> ServiceConfig {
        let value: JSONValue
        do { value = try JSONParser().parse(bytes) } catch {
            throw KollaError(.invalidConfig, "Invalid json file found at \(path)")
        }
        return try ServiceConfig(json: value, excludes: excludes)
    }

    /// Validates a decoded `config.json` (Kolla's `validate_config`, plus type checks Kolla leaves to Python).
    /// - Throws: `KollaError.invalidConfig`.
    public init(json: JSONValue, excludes: ExcludeCompiler? = nil) throws(KollaError) {
        guard let object = json.objectValue else {
            throw KollaError(.invalidConfig, "Config must be a JSON object")
        }
        guard let commandValue = object["command"] else {
            throw KollaError(.invalidConfig, "Config is missing required \"command\" key")
        }
        guard let command = commandValue.stringValue else {
            throw KollaError(.invalidConfig, "\"command\" must be a string")
        }
        self.command = command
        let reader = Reader()
        configFiles = try reader.list(object, "config_files") { (o, where_) throws(KollaError) in
            try ConfigFileEntry(o, where_)
        }
        directories = try reader.list(object, "directories") { (o, where_) throws(KollaError) in
            try PathEntry(o, where_)
        }
        files = try reader.list(object, "files") { (o, where_) throws(KollaError) in try PathEntry(o, where_) }
        permissions = try reader.list(object, "permissions") { (o, where_) throws(KollaError) in
            try PermissionEntry(o, where_, excludes)
        }
    }
}

/// One `config_files` entry.
public struct ConfigFileEntry: Sendable, Equatable {
    /// A path or glob (`*`, `?`, `[...]`) in the container, usually under `/var/lib/kolla/config_files/`.
    public var source: String
    /// Where to copy; a trailing `/` means "into this directory, under the source's base name".
    public var dest: String
    /// Owner to give (required unless `preserveProperties`).
    public var owner: Owner?
    /// Mode to give (required unless `preserveProperties`).
    public var perm: PermissionBits?
    /// A source that matches nothing is skipped instead of failing.
    public var optional: Bool
    /// Merge a source directory into an existing `dest` instead of replacing it.
    public var merge: Bool
    /// Copy mode and owner from the source instead of `owner`/`perm`.
    public var preserveProperties: Bool

    /// An entry from its parts.
    public init(
        source: String, dest: String, owner: Owner?, perm: PermissionBits?, optional: Bool = false, merge: Bool = false,
        preserveProperties: Bool = false
    ) {
        self.source = source
        self.dest = dest
        self.owner = owner
        self.perm = perm
        self.optional = optional
        self.merge = merge
        self.preserveProperties = preserveProperties
    }

    init(_ object: JSONObject, _ where_: String) throws(KollaError) {
        let r = Reader()
        try r.onlyKeys(object, ["source", "dest", "owner", "perm", "optional", "merge", "preserve_properties"], where_)
        guard object.contains("source"), object.contains("dest") else {
            throw KollaError(.invalidConfig, "Config is missing required keys: {'source', 'dest'}")
        }
        source = try r.string(object, "source", where_)
        dest = try r.string(object, "dest", where_)
        optional = try r.bool(object, "optional", where_)
        merge = try r.bool(object, "merge", where_)
        preserveProperties = try r.bool(object, "preserve_properties", where_)
        if !preserveProperties && (!object.contains("owner") || !object.contains("perm")) {
            throw KollaError(.invalidConfig, "Config needs preserve_properties or owner and perm")
        }
        owner = try r.optionalString(object, "owner", where_).map(Owner.init(parsing:))
        perm = try r.mode(object, "perm", where_)
    }
}

/// One `directories` or `files` entry: an exact path (no globs) with its owner and mode.
public struct PathEntry: Sendable, Equatable {
    /// Absolute path in the container.
    public var path: String
    /// Owner to give.
    public var owner: Owner
    /// Mode to give (a directory also gets the execute bit matching each read bit).
    public var perm: PermissionBits

    /// An entry from its parts.
    public init(path: String, owner: Owner, perm: PermissionBits) {
        self.path = path
        self.owner = owner
        self.perm = perm
    }

    init(_ object: JSONObject, _ where_: String) throws(KollaError) {
        let r = Reader()
        try r.onlyKeys(object, ["path", "owner", "perm"], where_)
        path = try r.string(object, "path", where_)
        guard path.hasPrefix("/") else { throw KollaError(.invalidConfig, "\(where_).path: '\(path)' is not absolute") }
        guard !path.contains(where: { "*?[".contains($0) }) else {
            throw KollaError(.invalidConfig, "\(where_).path: '\(path)': globs are not allowed here")
        }
        owner = Owner(parsing: try r.string(object, "owner", where_))
        guard let mode = try r.mode(object, "perm", where_) else {
            throw KollaError(.invalidConfig, "\(where_): missing required key 'perm'")
        }
        perm = mode
    }
}

/// One `permissions` entry.
public struct PermissionEntry: Sendable, Equatable {
    /// A path or glob.
    public var path: String
    /// Owner to give (required; Kolla crashes without it).
    public var owner: Owner
    /// Mode to give; `nil` changes the owner only.
    public var perm: PermissionBits?
    /// Also everything below a matching directory (symlinked directories are not entered).
    public var recurse: Bool
    /// Paths below a recursed directory that any of these patterns finds are left alone.
    public var exclude: [ExcludePattern]

    /// An entry from its parts.
    public init(path: String, owner: Owner, perm: PermissionBits?, recurse: Bool = false, exclude: [ExcludePattern] = []) {
        self.path = path
        self.owner = owner
        self.perm = perm
        self.recurse = recurse
        self.exclude = exclude
    }

    init(_ object: JSONObject, _ where_: String, _ compile: ExcludeCompiler?) throws(KollaError) {
        let r = Reader()
        try r.onlyKeys(object, ["path", "owner", "perm", "recurse", "exclude"], where_)
        path = try r.string(object, "path", where_)
        owner = Owner(parsing: try r.string(object, "owner", where_))
        perm = try r.mode(object, "perm", where_)
        recurse = try r.bool(object, "recurse", where_)
        var patterns: [ExcludePattern] = []
        if let value = object["exclude"], !value.isNull {
            guard let list = value.arrayValue else {
                throw KollaError(.invalidConfig, "\(where_).exclude must be a list of strings")
            }
            for item in list {
                guard let text = item.stringValue else {
                    throw KollaError(.invalidConfig, "\(where_).exclude must be a list of strings")
                }
                if let compile {
                    patterns.append(try compile(text))
                } else {
                    patterns.append(ExcludePattern(source: text, search: nil))
                }
            }
        }
        exclude = patterns
    }
}

/// Typed reads from a JSON object with `InvalidConfig` messages that name the place (`config_files[2].perm`).
private struct Reader {
    func list<T>(
        _ object: JSONObject, _ key: String, _ make: (JSONObject, String) throws(KollaError) -> T
    ) throws(KollaError) -> [T] {
        guard let value = object[key], !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw KollaError(.invalidConfig, "\"\(key)\" must be a list") }
        var result: [T] = []
        for (index, item) in items.enumerated() {
            guard let entry = item.objectValue else {
                throw KollaError(.invalidConfig, "\(key)[\(index)] must be an object")
            }
            result.append(try make(entry, "\(key)[\(index)]"))
        }
        return result
    }

    func onlyKeys(_ object: JSONObject, _ allowed: Set<String>, _ where_: String) throws(KollaError) {
        for key in object.keys where !allowed.contains(key) {
            throw KollaError(.invalidConfig, "\(where_): unknown key '\(key)'")
        }
    }

    func string(_ object: JSONObject, _ key: String, _ where_: String) throws(KollaError) -> String {
        guard let value = try optionalString(object, key, where_) else {
            throw KollaError(.invalidConfig, "\(where_): missing required key '\(key)'")
        }
        return value
    }

    func optionalString(_ object: JSONObject, _ key: String, _ where_: String) throws(KollaError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw KollaError(.invalidConfig, "\(where_).\(key) must be a string") }
        return text
    }

    func bool(_ object: JSONObject, _ key: String, _ where_: String) throws(KollaError) -> Bool {
        guard let value = object[key], !value.isNull else { return false }
        guard let flag = value.boolValue else { throw KollaError(.invalidConfig, "\(where_).\(key) must be true or false") }
        return flag
    }

    func mode(_ object: JSONObject, _ key: String, _ where_: String) throws(KollaError) -> PermissionBits? {
        guard let value = object[key], !value.isNull else { return nil }
        let text: String
        if let s = value.stringValue {
            text = s
        } else if let i = value.intValue, i >= 0 {
            text = String(i)
        } else {
            throw KollaError(.invalidConfig, "\(where_).\(key) must be an octal string like \"0640\"")
        }
        guard let mode = PermissionBits(parsing: text) else {
            throw KollaError(.invalidConfig, "\(where_).\(key): '\(text)' is not an octal mode like \"0640\"")
        }
        return mode
    }
}
