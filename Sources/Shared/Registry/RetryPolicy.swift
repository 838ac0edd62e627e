import Platform

/// Bounded retries with exponential backoff: attempt n waits `base · 2^(n-1)` seconds (capped), or
/// what the registry's `Retry-After` asks (capped too). Rate limits (429), server errors
/// (500/502/503/504), connection resets and timeouts are retried; nothing else is.
public struct RetryPolicy: Sendable {
    /// HTTP statuses worth another attempt.
    public static let retryableStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]

    /// Attempts in all (the first one included).
    public var maxAttempts: Int
    /// The first backoff, seconds.
    public var baseDelay: Double
    /// The longest backoff, seconds.
    public var maxDelay: Double
    /// The longest `Retry-After` honoured, seconds.
    public var maxRetryAfter: Double
    /// How to wait (tests record instead of sleeping).
    public var sleep: @Sendable (Double) async -> Void

    /// A policy; the defaults give up after about 20 s of backoff in all (longer when the registry asks).
    public init(
        maxAttempts: Int = 6, baseDelay: Double = 0.5, maxDelay: Double = 10, maxRetryAfter: Double = 60,
        sleep: @escaping @Sendable (Double) async -> Void = { seconds in try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9)) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.sleep = sleep
    }

    /// The wait before attempt `attempt + 1`, given the failed attempt's `Retry-After` header.
    public func delay(afterAttempt attempt: Int, retryAfter: String? = nil, now: Double? = nil) -> Double {
        let now = now ?? Environment.now()
        if let retryAfter, let asked = Self.retryAfterSeconds(retryAfter, now: now) {
            return min(max(0, asked), maxRetryAfter)
        }
        let exponent = Double(1 << min(max(0, attempt - 1), 20))
        return min(maxDelay, baseDelay * exponent)
    }

    /// `Retry-After`: delta-seconds or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`).
    static func retryAfterSeconds(_ value: String, now: Double) -> Double? {
        let trimmed = value.trimmingCharacters(in: " ")
        if let seconds = Double(trimmed) { return seconds }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        return date - now
    }
}

/// The date formats registries and token services send, as seconds since the epoch (UTC).
enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func parse(_ text: String) -> Double? {
        let words = text.split(separator: " ")
        guard words.count == 6, let day = Int(words[1]), let month = months.firstIndex(of: words[2].lowercased()),
            let year = Int(words[3])
        else { return nil }
        let time = words[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3 else { return nil }
        return epoch(year: year, month: month + 1, day: day, hour: time[0], minute: time[1], second: Double(time[2]))
    }

    /// RFC 3339: `2024-05-01T12:00:00Z`, `2024-05-01T12:00:00.123+02:00` (token `issued_at`/`expires_at`).
    static func parseRFC3339(_ text: String) -> Double? {
        let chars = Array(text.utf8)
        guard chars.count >= 20 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var n = 0
            for c in chars[from..<from + count] {
                guard c >= 48, c <= 57 else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < chars.count, chars[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                fraction += Double(chars[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offset = 0
        if index < chars.count, chars[index] == UInt8(ascii: "+") || chars[index] == UInt8(ascii: "-") {
            guard let h = number(index + 1, 2), let m = number(index + 4, 2) else { return nil }
            offset = (h * 3600 + m * 60) * (chars[index] == UInt8(ascii: "-") ? -1 : 1)
        }
        guard let base = epoch(year: year, month: month, day: day, hour: hour, minute: minute, second: Double(second) + fraction) else {
            return nil
        }
        return base - Double(offset)
    }

    /// Days-from-civil (proleptic Gregorian) to seconds since 1970-01-01T00:00:00Z.
    static func epoch(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Double) -> Double? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return Double(days * 86400 + hour * 3600 + minute * 60) + second
    }
}
