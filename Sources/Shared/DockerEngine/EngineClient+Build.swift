import HTTP
public import JSON

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
            if let text = line.at("stream")?.stringValue {
                pending += text
                while let newline = pending.firstIndex(of: "\n") {
                    result.output.append(String(pending[..<newline]))
                    pending = String(pending[pending.index(after: newline)...])
                }
                if text.hasPrefix("Successfully built ") {
                    result.imageID = String(text.dropFirst("Successfully built ".count)).trimmingWhitespace
                }
            }
            if let id = line.at(path: ["aux", "ID"])?.stringValue { result.imageID = id }
        }
        if !pending.isEmpty { result.output.append(pending) }
        if let message = outcome {
            let tail = result.output.suffix(15).joined(separator: "\n")
            throw .buildFailed(image: options.tag, message: tail.isEmpty ? message : "\(message)\n--- last build output ---\n\(tail)")
        }
        return result
    }

    static func stringObject(_ map: [String: String]) -> JSONValue {
        var object = JSONObject()
        for key in map.keys.sorted() { object[key] = .string(map[key] ?? "") }
        return .object(object)
    }
}
