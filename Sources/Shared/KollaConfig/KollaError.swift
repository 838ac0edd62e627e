/// A reason `kolla_set_configs` stops, named like the Python exception class Kolla raises, so log lines read the
/// same (`ERROR ConfigFileBadState: Following files are in bad state: [...]`).
///
/// Every kind ends the tool with exit code 1, except `immutableConfig` (0): a `COPY_ONCE` container that is
/// already configured starts normally. Anything that is not a `KollaError` (a failed system call) is an
/// "unexpected error" with exit code 2, as in Kolla.
public struct KollaError: Error, Equatable, CustomStringConvertible {
    /// The Python exception class of Kolla's `set_configs.py` this error stands for.
    public enum Kind: String, Sendable, Equatable {
        /// `COPY_ONCE` and `/configured` exists: nothing to do (exit 0).
        case immutableConfig = "ImmutableConfig"
        /// The config file or `KOLLA_CONFIG_STRATEGY` is unusable.
        case invalidConfig = "InvalidConfig"
        /// A `config_files` source that is not `optional` matches nothing.
        case missingRequiredSource = "MissingRequiredSource"
        /// An `owner` names a user or group that `/etc/passwd` / `/etc/group` do not have.
        case userNotFound = "UserNotFound"
        /// `--check`: a copied file differs from its source (content, perm, owner).
        case configFileBadState = "ConfigFileBadState"
        /// `--check`: `/run_command` is not the configured `command`.
        case configFileCommandDiffers = "ConfigFileCommandDiffers"
    }

    /// Which exception this is.
    public var kind: Kind
    /// The operator sentence (Kolla's wording where Kolla has one).
    public var message: String

    /// An error of `kind` with `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The process exit code Kolla uses for this exception: 0 for `ImmutableConfig`, else 1.
    public var exitCode: Int32 { kind == .immutableConfig ? 0 : 1 }

    /// `"<Class>: <message>"`, the text Kolla logs at ERROR level.
    public var description: String { "\(kind.rawValue): \(message)" }
}
