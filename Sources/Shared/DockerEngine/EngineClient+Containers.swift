import HTTP
public import JSON

extension EngineClient {
    /// `GET /containers/json`: running containers, or all of them.
    /// - Parameter all: include stopped and created containers (Kolla's lookups do).
    /// - Throws: `EngineError`.
    public func containers(all: Bool = true) throws(EngineError) -> [ContainerSummary] {
        let reply = try json(request(.get, "/containers/json", query: ["all": all ? "1" : "0"]))
        guard let items = reply.arrayValue else { throw .malformedReply("GET /containers/json is not a list") }
        return items.map(ContainerSummary.init(raw:))
    }

    /// `GET /containers/{name}/json`, or `nil` when there is no such container.
    /// - Throws: `EngineError` for anything but 404.
    public func container(named name: String) throws(EngineError) -> ContainerInspect? {
        let path = "/containers/\(PercentEncoding.pathSegment(name))/json"
        return try jsonIfPresent(request(.get, path), about: .container, named: name).map(ContainerInspect.init(raw:))
    }

    /// `POST /containers/create?name=`: creates a container from `body` (the Engine's create object:
    /// `Image`, `Cmd`, `Env`, `Labels`, `HostConfig`, …).
    /// - Returns: the new container's id.
    /// - Throws: `.notFound(kind: .image, …)` when the image is not local, `.conflict` when the name is taken.
    @discardableResult
    public func createContainer(named name: String, body: JSONValue) throws(EngineError) -> String {
        let image = body.at("Image")?.stringValue ?? ""
        let reply = try json(
            request(.post, "/containers/create", query: ["name": name], json: body), about: .image, named: image)
        guard let id = reply.at("Id")?.stringValue else { throw .malformedReply("create reply has no Id") }
        return id
    }

    /// `POST /containers/{name}/start`.
    /// - Returns: `.alreadyInState` when it was running (304).
    /// - Throws: `.notFound` when there is no such container; `.api` when it cannot start.
    @discardableResult
    public func startContainer(_ name: String) throws(EngineError) -> StateChange {
        try change(request(.post, "/containers/\(PercentEncoding.pathSegment(name))/start"), name)
    }

    /// `POST /containers/{name}/stop?t=`: SIGTERM, then SIGKILL after `timeout` seconds.
    /// - Parameter timeout: seconds to wait before killing (Kolla's `graceful_timeout`); `nil` for the container's default.
    /// - Returns: `.alreadyInState` when it was not running (304).
    /// - Throws: `.notFound` when there is no such container.
    @discardableResult
    public func stopContainer(_ name: String, timeout: Int? = nil) throws(EngineError) -> StateChange {
        var query = QueryString()
        query.append("t", timeout.map(String.init))
        return try change(
            request(.post, "/containers/\(PercentEncoding.pathSegment(name))/stop", query: query, timeout: extended(by: timeout)),
            name)
    }

    /// `POST /containers/{name}/restart?t=`.
    /// - Parameter timeout: seconds to wait for the stop before killing; `nil` for the default.
    /// - Throws: `.notFound` when there is no such container.
    public func restartContainer(_ name: String, timeout: Int? = nil) throws(EngineError) {
        var query = QueryString()
        query.append("t", timeout.map(String.init))
        _ = try expectSuccess(
            request(.post, "/containers/\(PercentEncoding.pathSegment(name))/restart", query: query, timeout: extended(by: timeout)),
            about: .container, named: name)
    }

    /// `DELETE /containers/{name}?force=&v=`.
    /// - Parameters:
    ///   - force: kill it first when running (Kolla passes `true`).
    ///   - volumes: also remove its anonymous volumes.
    /// - Throws: `.notFound` when there is no such container, `.conflict` when removal is already in progress.
    public func removeContainer(_ name: String, force: Bool = false, volumes: Bool = false) throws(EngineError) {
        let query: QueryString = ["force": force ? "1" : "0", "v": volumes ? "1" : "0"]
        _ = try expectSuccess(
            request(.delete, "/containers/\(PercentEncoding.pathSegment(name))", query: query), about: .container, named: name)
    }

    /// `POST /containers/{name}/wait`: blocks until the container stops.
    /// - Parameter timeout: longest wait; `nil` waits as long as it takes (docker-py's default).
    /// - Returns: the exit code (`StatusCode`).
    /// - Throws: `.notFound` when there is no such container; `.timedOut` after `timeout`.
    public func waitContainer(_ name: String, timeout: Duration? = nil) throws(EngineError) -> Int {
        let reply = try json(
            request(.post, "/containers/\(PercentEncoding.pathSegment(name))/wait", timeout: timeout ?? .seconds(-1)),
            about: .container, named: name)
        guard let code = reply.at("StatusCode")?.intValue else { throw .malformedReply("wait reply has no StatusCode") }
        return code
    }

    /// `GET /containers/{name}/logs`: the output so far, split into stdout and stderr.
    /// - Parameters:
    ///   - stdout: include standard output.
    ///   - stderr: include standard error.
    ///   - tail: only the last lines (`nil` for all).
    ///   - tty: whether the container has a terminal (then the stream is raw, all on stdout);
    ///     `nil` asks the daemon (one inspect call).
    /// - Throws: `.notFound` when there is no such container; `.malformedReply` for a broken frame.
    public func logs(
        _ name: String, stdout: Bool = true, stderr: Bool = true, tail: Int? = nil, tty: Bool? = nil
    ) throws(EngineError) -> ContainerOutput {
        let isTTY: Bool
        if let tty {
            isTTY = tty
        } else {
            guard let inspect = try container(named: name) else { throw .notFound(kind: .container, name: name) }
            isTTY = inspect.config.tty
        }
        let query: QueryString = [
            "stdout": stdout ? "1" : "0", "stderr": stderr ? "1" : "0", "timestamps": "0", "follow": "0",
            "tail": tail.map(String.init) ?? "all",
        ]
        let response = try expectSuccess(
            request(.get, "/containers/\(PercentEncoding.pathSegment(name))/logs", query: query), about: .container, named: name)
        return try ContainerOutput(stream: response.body, multiplexed: !isTTY)
    }

    /// Sends a start/stop request: 2xx → changed, 304 → already so.
    private func change(_ request: HTTPRequest, _ name: String) throws(EngineError) -> StateChange {
        let response = try send(request)
        if response.status == 304 { return .alreadyInState }
        guard response.head.isSuccess else { throw Self.failure(response, about: .container, named: name) }
        return .changed
    }

    /// The client timeout plus `seconds` (for calls the daemon holds that long by design).
    func extended(by seconds: Int?) -> Duration {
        timeout + .seconds(max(seconds ?? 10, 0))
    }
}
