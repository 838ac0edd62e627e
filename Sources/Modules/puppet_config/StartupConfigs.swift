import ConfigHash
import JSON
import ModuleKit
import Platform

/// The container startup definitions that get `TRIPLEO_CONFIG_HASH`: the files matching
/// `startup_config_pattern` and the inline `container_definitions`.
struct StartupConfigs {
    var files: [StartupConfigFile] = []
    var inline: JSONObject?

    /// Reads and parses every matching file (a file named `hashed-*` is TripleO's old copy and is skipped).
    /// - Throws: `ModuleFailure` naming the file for an unreadable or malformed one.
    init(args: Arguments, files fileSystem: any FileSystem) throws {
        inline = args.containerDefinitions
        if let inline {
            for (name, definition) in inline where definition.objectValue == nil {
                throw ModuleFailure("container_definitions: \(name) must be a dict, got \(definition.pythonTypeName)")
            }
        }
        guard let pattern = args.startupConfigPattern else { return }
        let paths: [String]
        do {
            paths = try Glob.expand(pattern)
        } catch {
            throw ModuleFailure("startup_config_pattern: \(error)")
        }
        for path in paths where !Paths.basename(path).hasPrefix("hashed-") {
            let bytes: [UInt8]?
            do {
                bytes = try fileSystem.read(path)
            } catch {
                throw ModuleFailure("startup_config_pattern: cannot read \(path): \(error)")
            }
            guard let bytes else { continue }  // removed since the glob
            do {
                files.append(try StartupConfigFile(path: path, bytes: bytes))
            } catch {
                throw ModuleFailure("startup_config_pattern: \(path): \(error)")
            }
        }
    }

    /// What changed in the definitions.
    struct Outcome {
        var hashes = JSONObject()
        var updatedContainers: [String] = []
        var updatedFiles: [String] = []
        var definitions: JSONObject?
    }

    /// Sets the hashes; writes changed files unless in check mode. In check mode the checksums of the
    /// volumes this run generated are read from the check-mode tree, so the result predicts which
    /// containers a real run would give a new hash.
    mutating func apply(args: Arguments, generation: Generation, host: Host) throws -> Outcome {
        var outcome = Outcome()
        let hash = ConfigHash(prefix: args.prefix)
        let generated = args.checkMode ? generation.generatedVolumes : []
        let checkPrefix = generation.runPrefix
        let reader: (String) -> String? = { base in
            if !generated.isEmpty, generated.contains(Paths.basename(base)), base.hasPrefix(args.prefix + "/") {
                let relative = base.dropFirst(args.prefix.count)
                return ConfigPaths.readChecksum(checkPrefix + relative + ".md5sum", files: host.files)
            }
            return ConfigPaths.readChecksum(base + ".md5sum", files: host.files)
        }
        for index in files.indices {
            var changed = false
            for (name, update) in files[index].apply(hash, checksum: reader) {
                if let value = update.hash { outcome.hashes[name] = .string(value) }
                if update.changed {
                    changed = true
                    outcome.updatedContainers.append(name)
                }
            }
            guard changed else { continue }
            outcome.updatedFiles.append(files[index].path)
            if !args.checkMode {
                try host.files.write(Array(files[index].rendered.utf8), to: files[index].path, permissions: nil, uid: nil, gid: nil)
            }
        }
        if let inline {
            var updated = JSONObject()
            for (name, definition) in inline {
                let update = hash.update(definition, checksum: reader)
                if let value = update.hash { outcome.hashes[name] = .string(value) }
                if update.changed { outcome.updatedContainers.append(name) }
                updated[name] = update.definition
            }
            outcome.definitions = updated
        }
        return outcome
    }
}
