import Platform

/// Kolla's `set_configs.py` (the `kolla_set_configs` tool in every Kolla image), without Python.
///
/// `run(check:strategy:)` is the whole tool: load and validate `config.json`, then either apply it with the
/// `KOLLA_CONFIG_STRATEGY` (`COPY_ALWAYS` / `COPY_ONCE`) or, with `--check`, tell whether the container's
/// files still match it. It returns the exit code Kolla uses: 0 done or in sync, 1 differs / missing /
/// invalid (the reason is logged at ERROR), 2 unexpected error.
///
/// Left out on purpose: Kolla's "defaults" feature (backing up image files that `config_files` replace
/// under `/etc/kolla/defaults` with a state file, restoring them when an entry goes away, and the
/// `StateMismatch` check); `config.yaml`; `shutil.copystat`'s times for `preserve_properties`.
///
/// Where we differ from Kolla (each a Kolla crash, exit 2, or a perpetual false "differs"):
/// - `perm` is always octal and compared as a number (`PermissionBits`); owners are compared by id.
/// - `--check` with `preserve_properties` compares with the source's mode and owner.
/// - `--check`: a missing `/run_command` or destination is "differs" (exit 1) with a logged reason; a
///   copied directory's mode is expected with the directory execute bits `set_perms` adds.
/// - `--check` reads regular files only: a source or destination that is a FIFO, socket or device is an
///   unexpected error (exit 2; Kolla blocks on a FIFO and reads a device to its end).
/// - Unknown owners are `UserNotFound` (exit 1); numeric ids are accepted.
/// - Malformed entries (unknown keys, wrong types) are `InvalidConfig` (exit 1).
/// - `exclude`: a path is skipped when any pattern finds it (`ExcludePattern.python`, a regex subset).
/// - `directories`/`files` (newer Kolla) run before `config_files`; glob matches are sorted.
public struct SetConfigs {
    /// Where the container's `/` is (a temporary tree in tests).
    public var root: FileRoot
    /// Where log lines go.
    public var log: KollaLog
    /// The config file (container path).
    public var configPath: String
    /// Compiles `permissions[].exclude` patterns; needed to apply a config that has some.
    public var excludes: ExcludeCompiler?

    /// The tool on `root` (default `/`), logging to `log` (default standard error).
    public init(
        root: FileRoot = FileRoot(), log: KollaLog = .standardError,
        configPath: String = "/var/lib/kolla/config_files/config.json", excludes: ExcludeCompiler? = nil
    ) {
        self.root = root
        self.log = log
        self.configPath = configPath
        self.excludes = excludes
    }

    /// What a run does.
    public enum Mode: Sendable, Equatable {
        /// Apply `config.json` with the strategy from `KOLLA_CONFIG_STRATEGY` (`nil` when unset).
        case apply(strategy: String?)
        /// `--check`: compare without changing anything.
        case check
    }

    /// Runs the tool and returns its exit code; never throws, never traps.
    public func run(_ mode: Mode) -> Int32 {
        do {
            let config = try loadConfig()
            switch mode {
            case .apply(let strategy): try apply(config, strategy: strategy)
            case .check: try check(config)
            }
            return 0
        } catch let error as KollaError {
            log.error(error.description)
            return error.exitCode
        } catch {
            log.error("Unexpected error: \(error)")
            return 2
        }
    }

    /// Reads and validates `config.json`.
    /// - Throws: `KollaError.invalidConfig`, or `SystemError` when the file cannot be read (exit 2, as in Kolla).
    public func loadConfig() throws -> ServiceConfig {
        log.info("Loading config file at \(configPath)")
        guard let bytes = try Files.readIfPresent(root.real(configPath)) else {
            throw SystemError.notFound(call: "open", subject: configPath)
        }
        let config = try ServiceConfig.parse(bytes, path: configPath, excludes: excludes)
        log.info("Validating config file")
        return config
    }

    /// `execute_config_strategy`: `COPY_ALWAYS` applies every time; `COPY_ONCE` only while `/configured` is
    /// absent, then creates it (later runs end with `ImmutableConfig`, exit 0).
    public func apply(_ config: ServiceConfig, strategy: String?) throws {
        if excludes == nil, let entry = config.permissions.first(where: { !$0.exclude.isEmpty }) {
            throw KollaError(.invalidConfig, "permissions: exclude patterns of \(entry.path) need a regex engine (SetConfigs.excludes)")
        }
        log.info("Kolla config strategy set to: \(strategy ?? "None")")
        switch strategy {
        case "COPY_ALWAYS":
            try applyAll(config)
        case "COPY_ONCE":
            if try root.lexists("/configured") {
                throw KollaError(.immutableConfig, "The config strategy prevents copying new configs")
            }
            try applyAll(config)
            try Files.createEmpty(root.real("/configured"), permissions: 0o600)
        default:
            throw KollaError(.invalidConfig, "KOLLA_CONFIG_STRATEGY is not set properly")
        }
    }

    private func applyAll(_ config: ServiceConfig) throws {
        let users = try loadUsers()
        try createDirectoriesAndFiles(config, users)
        try copyConfig(config, users)
        try handlePermissions(config.permissions, users)
    }

    /// `execute_command_check` + `execute_config_check`: `/run_command` must hold `command`, and every
    /// `config_files` destination must match its source (content, mode, owner).
    /// - Throws: `KollaError` (`ConfigFileCommandDiffers`, `MissingRequiredSource`, `ConfigFileBadState`, …).
    public func check(_ config: ServiceConfig) throws {
        let running = try Files.readIfPresent(root.real("/run_command")).map { String(decoding: $0, as: UTF8.self) }
        if running != config.command {
            throw KollaError(
                .configFileCommandDiffers, "Running command differs. \(config.command) != \(running ?? "(no /run_command)")")
        }
        let users = try loadUsers()
        for entry in config.configFiles { try checkEntry(entry, users) }
    }

    /// `/etc/passwd` and `/etc/group` of the container (missing files → no names, numeric ids only).
    func loadUsers() throws(SystemError) -> UserDatabase {
        let passwd = try Files.readIfPresent(root.real("/etc/passwd")) ?? []
        let group = try Files.readIfPresent(root.real("/etc/group")) ?? []
        return UserDatabase(passwd: String(decoding: passwd, as: UTF8.self), group: String(decoding: group, as: UTF8.self))
    }

    /// `directories` then `files`: create what is missing, then set owner and mode.
    func createDirectoriesAndFiles(_ config: ServiceConfig, _ users: UserDatabase) throws {
        for entry in config.directories {
            let ids = try users.resolve(entry.owner)
            if let existing = try root.status(entry.path) {
                guard existing.kind == .directory else {
                    throw KollaError(.invalidConfig, "directories: \(entry.path) exists and is not a directory")
                }
            } else {
                log.info("Creating directory \(entry.path)")
                try Directories.createAll(root.real(entry.path))
            }
            try setPermissions(entry.path, ids, entry.perm)
        }
        for entry in config.files {
            let ids = try users.resolve(entry.owner)
            if let existing = try root.linkStatus(entry.path) {
                guard existing.kind == .file else {
                    throw KollaError(.invalidConfig, "files: \(entry.path) exists and is not a regular file")
                }
            } else {
                guard try root.isDirectory(ContainerPath.dirname(entry.path)) else {
                    throw KollaError(.invalidConfig, "files: the parent directory of \(entry.path) does not exist")
                }
                log.info("Creating file \(entry.path)")
                try Files.createEmpty(root.real(entry.path), permissions: entry.perm.bits)
            }
            try setPermissions(entry.path, ids, entry.perm)
        }
    }

    /// `copy_config`: copy every `config_files` entry, then write `/run_command` (mode 0644).
    func copyConfig(_ config: ServiceConfig, _ users: UserDatabase) throws {
        if !config.configFiles.isEmpty { log.info("Copying service configuration files") }
        for entry in config.configFiles { try copyEntry(entry, users) }
        log.info("Writing out command to execute")
        try Files.writeAtomically(Array(config.command.utf8), to: root.real("/run_command"), permissions: 0o644)
    }
}
