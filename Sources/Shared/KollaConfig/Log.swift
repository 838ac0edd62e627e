import Platform

/// Log lines in Kolla's format (`2024-05-01 10:00:00.123 INFO Copying /a to /b`), handed to a sink.
///
/// Kolla's `set_configs.py` logs with Python `logging` on standard error at INFO level; `kolla_start`
/// and `compare_container` (which shows the output of `--check`) rely on that. The sink is a parameter so
/// tests can collect the lines.
public struct KollaLog {
    /// Python logging level names.
    public enum Level: String, Sendable {
        case info = "INFO"
        case warning = "WARNING"
        case error = "ERROR"
    }

    private let sink: (Level, String) -> Void

    /// A log that hands each (level, message) to `sink`.
    public init(sink: @escaping (Level, String) -> Void) {
        self.sink = sink
    }

    /// Timestamped lines on standard error, one `write` each.
    public static var standardError: KollaLog { lines(StandardStreams.writeError) }

    /// Timestamped lines, each handed whole to `write` (standard error, or a socket).
    public static func lines(_ write: @escaping (String) -> Void) -> KollaLog {
        KollaLog { level, message in write("\(timestamp()) \(level.rawValue) \(message)\n") }
    }

    /// A log that drops everything.
    public static var discarding: KollaLog { KollaLog { _, _ in } }

    /// Logs `message` at INFO.
    public func info(_ message: String) { sink(.info, message) }
    /// Logs `message` at WARNING.
    public func warning(_ message: String) { sink(.warning, message) }
    /// Logs `message` at ERROR.
    public func error(_ message: String) { sink(.error, message) }

    /// `%Y-%m-%d %H:%M:%S.mmm` in local time, like Kolla's `logging` format.
    static func timestamp() -> String {
        let now = Environment.now()
        let millis = Int((now - now.rounded(.down)) * 1000)
        let ms = String(millis)
        return Environment.localTime(format: "%Y-%m-%d %H:%M:%S") + "." + String(repeating: "0", count: 3 - ms.count) + ms
    }
}
