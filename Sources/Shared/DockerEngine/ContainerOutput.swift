/// What a container or an exec wrote: standard output and standard error, apart.
public struct ContainerOutput: Sendable, Equatable {
    /// Standard output (everything, for a TTY).
    public var stdout: [UInt8]
    /// Standard error (empty for a TTY).
    public var stderr: [UInt8]

    /// - Parameters:
    ///   - stdout: standard output bytes.
    ///   - stderr: standard error bytes.
    public init(stdout: [UInt8] = [], stderr: [UInt8] = []) {
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Decodes a whole logs/exec body: demultiplexed when `multiplexed`, else all stdout (TTY).
    /// - Throws: `EngineError.malformedReply` for a broken frame; the daemon's stream-3 text as `.api`.
    public init(stream: [UInt8], multiplexed: Bool) throws(EngineError) {
        guard multiplexed else {
            self.init(stdout: stream)
            return
        }
        var demux = StreamDemultiplexer()
        try demux.feed(stream)
        try demux.finish()
        if !demux.daemonError.isEmpty {
            throw .api(status: 200, message: String(decoding: demux.daemonError, as: UTF8.self).trimmingWhitespace)
        }
        self.init(stdout: demux.stdout, stderr: demux.stderr)
    }

    /// Standard output as UTF-8 text (invalid sequences become U+FFFD).
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    /// Standard error as UTF-8 text.
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}
