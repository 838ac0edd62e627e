import HTTP
import JSON
import Platform

extension EngineClient {
    /// `POST /containers/{name}/exec`: prepares `command` to run in a running container.
    /// - Parameters:
    ///   - command: program and arguments (no shell).
    ///   - user: `user[:group]` to run as; `nil` for the container's.
    ///   - environment: extra `KEY=value` entries.
    ///   - tty: allocate a terminal (output is then not multiplexed).
    ///   - privileged: run with extended privileges (`docker exec --privileged`); `nil` leaves it out.
    /// - Returns: the exec id.
    /// - Throws: `.notFound` when there is no such container, `.conflict` when it is not running.
    public func createExec(
        in name: String, command: [String], user: String? = nil, environment: [String] = [], tty: Bool = false,
        privileged: Bool? = nil
    ) throws(EngineError) -> String {
        var body: JSONObject = [
            "AttachStdin": false, "AttachStdout": true, "AttachStderr": true, "Tty": .bool(tty),
            "Cmd": .array(command.map(JSONValue.string)),
        ]
        if let user { body["User"] = .string(user) }
        if let privileged { body["Privileged"] = .bool(privileged) }
        if !environment.isEmpty { body["Env"] = .array(environment.map(JSONValue.string)) }
        let reply = try json(
            request(.post, "/containers/\(PercentEncoding.pathSegment(name))/exec", json: .object(body)),
            about: .container, named: name)
        guard let id = reply.at("Id")?.stringValue else { throw .malformedReply("exec create reply has no Id") }
        return id
    }

    /// `POST /exec/{id}/start`: runs the exec and collects its output until it ends.
    /// - Parameters:
    ///   - id: the exec id from `createExec`.
    ///   - tty: what `createExec` was given (decides whether the stream is demultiplexed).
    /// - Throws: `.notFound` for an unknown id, `.conflict` when the container stopped meanwhile.
    public func startExec(_ id: String, tty: Bool = false) throws(EngineError) -> ContainerOutput {
        let body: JSONValue = ["Detach": false, "Tty": .bool(tty)]
        let response = try expectSuccess(
            request(.post, "/exec/\(PercentEncoding.pathSegment(id))/start", json: body), about: .exec, named: id)
        return try ContainerOutput(stream: response.body, multiplexed: !tty)
    }

    /// `GET /exec/{id}/json`.
    /// - Throws: `.notFound` for an unknown id.
    public func inspectExec(_ id: String) throws(EngineError) -> ExecInspect {
        try ExecInspect(raw: json(request(.get, "/exec/\(PercentEncoding.pathSegment(id))/json"), about: .exec, named: id))
    }

    /// Runs `command` in the running container `name` and returns its exit code and output
    /// (create, start, inspect — what Kolla's config check does).
    /// - Throws: as `createExec`, `startExec` and `inspectExec`; `.malformedReply` if no exit code is reported.
    public func exec(in name: String, command: [String], user: String? = nil) throws(EngineError) -> ExecResult {
        let id = try createExec(in: name, command: command, user: user)
        let output = try startExec(id)
        // The daemon may close the stream a moment before it records the exit code.
        for attempt in 0..<Self.execSettleAttempts {
            let state = try inspectExec(id)
            if let code = state.exitCode, !state.isRunning { return ExecResult(exitCode: code, output: output) }
            if attempt + 1 < Self.execSettleAttempts { Sleep.milliseconds(50) }
        }
        throw .malformedReply("exec \(id) reports no exit code after its output ended")
    }

    /// Inspections (50 ms apart) to wait for an exec's exit code once its output ended.
    static var execSettleAttempts: Int { 40 }
}
