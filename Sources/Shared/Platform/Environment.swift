#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The process environment, users and clock.
public enum Environment {
    /// `getenv`.
    public static func get(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    /// The home directory of the current user (`$HOME`, else the passwd entry).
    public static func homeDirectory() -> String? {
        if let home = get("HOME"), !home.isEmpty { return home }
        return Users.home(ofUID: UInt32(getuid()))
    }

    /// `getpid`.
    public static var processID: Int32 { getpid() }

    /// Local time formatted with `strftime` (for backup names like `%Y-%m-%d@%H:%M:%S~`).
    public static func localTime(format: String) -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 128)
        let n = strftime(&buffer, buffer.count, format, &parts)
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Seconds since the epoch with sub-second precision (`clock_gettime(CLOCK_REALTIME)`).
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Monotonic seconds, for durations (`clock_gettime(CLOCK_MONOTONIC)`).
    public static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
