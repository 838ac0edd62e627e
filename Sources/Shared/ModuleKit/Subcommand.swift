/// A command-line verb a module offers besides its Ansible face: `container_image_prepare prepare -e F`,
/// `modify_image hotfix --image I …`. The runner dispatches `<module> <verb> WORDS…` (or
/// `<binary> <module> <verb> WORDS…`) to it; the verb parses its own words.
public struct Subcommand: Sendable {
    /// The verb (`prepare`, `kolla-build-command`).
    public var name: String
    /// Runs the verb on the words after it.
    public var run: @Sendable (_ words: [String]) -> CommandReply

    public init(_ name: String, run: @escaping @Sendable (_ words: [String]) -> CommandReply) {
        self.name = name
        self.run = run
    }
}

/// What a command line prints and its exit status.
public struct CommandReply: Sendable, Equatable {
    public var stdout: String
    public var stderr: String
    public var status: Int32

    public init(stdout: String, stderr: String = "", status: Int32) {
        self.stdout = stdout
        self.stderr = stderr
        self.status = status
    }
}
