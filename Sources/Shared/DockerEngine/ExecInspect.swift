public import JSON

/// `GET /exec/{id}/json`: an exec instance's state.
public struct ExecInspect: Sendable, Equatable {
    /// The whole reply.
    public let raw: JSONValue

    /// Wraps an exec inspect reply.
    public init(raw: JSONValue) {
        self.raw = raw
    }

    /// `ID`.
    public var id: String { raw.at("ID")?.stringValue ?? "" }
    /// `Running`.
    public var isRunning: Bool { raw.at("Running")?.boolValue ?? false }
    /// `ExitCode`; `nil` while it runs or when it never started.
    public var exitCode: Int? { raw.at("ExitCode")?.intValue }
}

/// The outcome of running a command in a container: exit code and output.
public struct ExecResult: Sendable, Equatable {
    /// The command's exit code.
    public var exitCode: Int
    /// What it wrote.
    public var output: ContainerOutput

    /// - Parameters:
    ///   - exitCode: the exit code.
    ///   - output: stdout and stderr.
    public init(exitCode: Int, output: ContainerOutput) {
        self.exitCode = exitCode
        self.output = output
    }
}
