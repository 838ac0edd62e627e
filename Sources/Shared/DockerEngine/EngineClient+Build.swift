public import JSON
import HTTP

extension EngineClient {
    /// `POST /build` with a tar build context: runs the Dockerfile with the classic builder and
    /// reads the JSON-lines output.
    /// - Parameters:
    ///   - context: the build context as an uncompressed tar archive (see `TarWriter`).
    ///   - options: tag, Dockerfile, build args, network.
    ///   - timeout: longest silence between two output lines (a long `RUN` step prints nothing for
    ///     a while); `nil` uses the client's timeout.
    ///   - onLine: called with each output line (`stream`, `aux`, `status`, …).
    /// - Returns: the image id and the output.
    /// - Throws: `.buildFailed` with the daemon's message (plus the last output lines) when the
    ///   daemon refuses the build or a line carries `error`/`errorDetail`; `.transport`/`.timedOut`
    ///   when the stream breaks.
    @discardableResult
    public func buildImage(
        context: [UInt8], options: BuildOptions, timeout: Duration? = nil, onLine: (JSONValue) -> Void = { _ in }
    ) throws(EngineError) -> BuildResult {
        var query = QueryString()
        query.append("t", options.tag)
        query.append("dockerfile", options.dockerfile)
        if !options.buildArgs.isEmpty { query.append("buildargs", JSONWriter().write(Self.stringObject(options.buildArgs))) }
        if !options.labels.isEmpty { query.append("labels", JSONWriter().write(Self.stringObject(options.labels))) }
        query.append("networkmode", options.networkMode)
        if options.noCache { query.append("nocache", "1") }
        if options.pull { query.append("pull", "1") }
        query.append("rm", "1")
        query.append("forcerm", "1")
        var build = request(.post, "/build", query: query, headers: ["Content-Type": "application/x-tar"], timeout: timeout)
        build.body = context
        var result = BuildResult()
        var pending = ""
        let outcome = try streamLines(build) { line in
            onLine(line)
            if let text = line.field("stream")?.stringValue {
                pending += text
                while let newline = pending.firstIndex(of: "\n") {
                    result.output.append(String(pending[..<newline]))
                    pending = String(pending[pending.index(after: newline)...])
                }
                if text.hasPrefix("Successfully built ") {
                    result.imageID = String(text.dropFirst("Successfully built ".count)).trimmingWhitespace
                }
            }
            if let id = line.field(at: ["aux", "ID"])?.stringValue { result.imageID = id }
        }
        if !pending.isEmpty { result.output.append(pending) }
        if let message = outcome {
            let tail = result.output.suffix(15).joined(separator: "\n")
            throw .buildFailed(image: options.tag, message: tail.isEmpty ? message : "\(message)\n--- last build output ---\n\(tail)")
        }
        return result
    }

    /// Sends `request`, feeding each JSON line of the 2xx stream to `onLine`.
    /// - Returns: the error text of the first `error`/`errorDetail` line or of a non-2xx answer; `nil` when none.
    /// - Throws: `EngineError` when the stream breaks or a line is not JSON.
    func streamLines(_ request: HTTPRequest, onLine: (JSONValue) -> Void) throws(EngineError) -> String? {
        var lines = JSONLines()
        var failure: EngineError?
        var message: String?
        let response: HTTPResponse
        do throws(HTTPError) {
            response = try transport.stream(request) { piece in
                do throws(EngineError) {
                    for line in try lines.feed(piece) {
                        onLine(line)
                        if let text = Self.errorText(line) {
                            message = text
                            return .stop
                        }
                    }
                } catch {
                    failure = error
                    return .stop
                }
                return .proceed
            }
        } catch {
            throw Self.wrap(error)
        }
        guard response.head.isSuccess else { return Self.daemonMessage(response) }
        if let failure { throw failure }
        if message == nil, let last = try lines.finish() {
            onLine(last)
            message = Self.errorText(last)
        }
        return message
    }

    /// The error of a progress line (`errorDetail.message`, else `error`), if it is one.
    static func errorText(_ line: JSONValue) -> String? {
        line.field(at: ["errorDetail", "message"])?.stringValue ?? line.field("error")?.stringValue
    }

    static func stringObject(_ map: [String: String]) -> JSONValue {
        var object = JSONObject()
        for key in map.keys.sorted() { object[key] = .string(map[key] ?? "") }
        return .object(object)
    }
}
