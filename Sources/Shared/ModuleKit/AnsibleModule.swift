/// One Ansible module: its name, its argument spec and what it does.
///
/// `run` receives validated parameters and never prints or exits: it returns a result or throws
/// (`ModuleFailure` for a user-facing failure; any other error is reported by the runner).
public protocol AnsibleModule {
    /// The Ansible name (`merge_configs`); also the name the binary is invoked as.
    static var name: String { get }
    /// One-line summary for `--help`.
    static var summary: String { get }
    /// Other names the binary answers to (a copy or symlink under such a name runs this module).
    static var aliases: [String] { get }
    static var spec: ModuleSpec { get }
    /// Command-line verbs besides the Ansible face (none by default).
    static var subcommands: [Subcommand] { get }
    static func run(_ params: Params, on host: Host) throws -> ModuleResult
}

extension AnsibleModule {
    public static var aliases: [String] { [] }
    public static var subcommands: [Subcommand] { [] }

    /// Whether `name` is this module's name or one of its aliases.
    static func answers(to name: String) -> Bool { name == self.name || aliases.contains(name) }
}
