/// A YAML `!!timestamp`: Python's `datetime.date` (``time`` is nil) or `datetime.datetime`.
public struct YAMLTimestamp: Sendable, Hashable {
    /// The time of day of a `datetime.datetime`.
    public struct Time: Sendable, Hashable {
        public var hour: Int
        public var minute: Int
        public var second: Int
        public var microsecond: Int
        /// Offset from UTC in minutes (`Z` is 0); nil for a naive datetime.
        public var utcOffsetMinutes: Int?

        public init(hour: Int, minute: Int, second: Int, microsecond: Int = 0, utcOffsetMinutes: Int? = nil) {
            self.hour = hour
            self.minute = minute
            self.second = second
            self.microsecond = microsecond
            self.utcOffsetMinutes = utcOffsetMinutes
        }
    }

    public var year: Int
    public var month: Int
    public var day: Int
    public var time: Time?

    public init(year: Int, month: Int, day: Int, time: Time? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.time = time
    }

    /// What PyYAML writes: `date.isoformat()` or `datetime.isoformat(' ')`
    /// (`2001-12-14`, `2001-12-14 21:59:43.100000-05:00`).
    public var isoFormat: String {
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        guard let time else { return text }
        text += " " + pad(time.hour, 2) + ":" + pad(time.minute, 2) + ":" + pad(time.second, 2)
        if time.microsecond != 0 { text += "." + pad(time.microsecond, 6) }
        if let offset = time.utcOffsetMinutes {
            text += (offset < 0 ? "-" : "+") + pad(abs(offset) / 60, 2) + ":" + pad(abs(offset) % 60, 2)
        }
        return text
    }

    /// Python's `repr()` (`datetime.date(2001, 12, 14)`, `datetime.datetime(2001, 12, 14, 21, 59, 43, 100000,
    /// tzinfo=datetime.timezone.utc)`).
    var pythonRepr: String {
        guard let time else { return "datetime.date(\(year), \(month), \(day))" }
        var fields = [year, month, day, time.hour, time.minute]
        if time.second != 0 || time.microsecond != 0 { fields.append(time.second) }
        if time.microsecond != 0 { fields.append(time.microsecond) }
        var text = "datetime.datetime(" + fields.map(String.init).joined(separator: ", ")
        if let offset = time.utcOffsetMinutes {
            if offset == 0 {
                text += ", tzinfo=datetime.timezone.utc"
            } else {
                // timedelta normalises to days + seconds in 0..<86400.
                let seconds = offset * 60
                let days = seconds >= 0 ? 0 : -1
                let rest = seconds - days * 86400
                let delta = days == 0 ? "seconds=\(rest)" : "days=\(days), seconds=\(rest)"
                text += ", tzinfo=datetime.timezone(datetime.timedelta(\(delta)))"
            }
        }
        return text + ")"
    }

    /// Minutes since 0001-01-01 00:00 UTC (aware datetimes; for ordering and Python `==`).
    var utcMinutesKey: (minutes: Int, micro: Int) {
        let t = time ?? Time(hour: 0, minute: 0, second: 0)
        let days = Self.daysFromCivil(year, month, day)
        let minutes = days * 1440 + t.hour * 60 + t.minute - (t.utcOffsetMinutes ?? 0)
        return (minutes, t.second * 1_000_000 + t.microsecond)
    }

    static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 0001-01-01 (proleptic Gregorian).
    static func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y1 = y - 1
        var days = y1 * 365 + y1 / 4 - y1 / 100 + y1 / 400
        for month in 1..<max(1, m) { days += daysInMonth(y, month) }
        return days + d - 1
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

// MARK: - Parsing (PyYAML's resolver regex and SafeConstructor.timestamp_regexp)

extension YAMLTimestamp {
    /// Fields matched by `SafeConstructor.timestamp_regexp`, before range checks.
    struct Fields {
        var year = 0, month = 0, day = 0
        var hasTime = false
        var hour = 0, minute = 0, second = 0
        var fraction: [UInt8] = []
        var tzSign: UInt8?  // '+' / '-'
        var tzZ = false
        var tzHour = 0, tzMinute = 0
    }

    /// Matches `text` (ASCII bytes) against PyYAML's timestamp patterns. `resolver: true` uses the implicit
    /// resolver's stricter regex (a date alone needs 2-digit month and day); otherwise the constructor's.
    static func match(_ text: [UInt8], resolver: Bool) -> Fields? {
        var s = ByteScanner(text)
        var f = Fields()
        guard let year = s.digits(min: 4, max: 4), s.eat(UInt8(ascii: "-")) else { return nil }
        guard let (month, mlen) = s.digitsCounted(min: 1, max: 2), s.eat(UInt8(ascii: "-")) else { return nil }
        guard let (day, dlen) = s.digitsCounted(min: 1, max: 2) else { return nil }
        f.year = year
        f.month = month
        f.day = day
        if s.atEnd {
            if resolver && (mlen != 2 || dlen != 2) { return nil }
            return f
        }
        // Separator: [Tt] or [ \t]+
        if s.eat(UInt8(ascii: "T")) || s.eat(UInt8(ascii: "t")) {
        } else {
            guard s.eatMany(where: { $0 == 0x20 || $0 == 0x09 }) > 0 else { return nil }
        }
        guard let hour = s.digits(min: 1, max: 2), s.eat(UInt8(ascii: ":")),
            let minute = s.digits(min: 2, max: 2), s.eat(UInt8(ascii: ":")),
            let second = s.digits(min: 2, max: 2)
        else { return nil }
        f.hasTime = true
        f.hour = hour
        f.minute = minute
        f.second = second
        if s.eat(UInt8(ascii: ".")) {
            while let c = s.peek, isDigit(c) {
                f.fraction.append(c)
                s.advance()
            }
        }
        if s.atEnd { return f }
        _ = s.eatMany(where: { $0 == 0x20 || $0 == 0x09 })
        if s.eat(UInt8(ascii: "Z")) {
            f.tzZ = true
        } else if let sign = s.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            s.advance()
            guard let h = s.digits(min: 1, max: 2) else { return nil }
            f.tzSign = sign
            f.tzHour = h
            if s.eat(UInt8(ascii: ":")) {
                guard let m = s.digits(min: 2, max: 2) else { return nil }
                f.tzMinute = m
            }
        } else {
            return nil
        }
        return s.atEnd ? f : nil
    }

    /// `construct_yaml_timestamp`: builds the date/datetime or says why Python's `datetime` would refuse.
    static func construct(_ text: String) -> Result<YAMLTimestamp, TimestampProblem> {
        guard let f = match(pythonDollarTrimmed(Array(text.utf8)), resolver: false) else {
            return .failure(.noMatch)
        }
        guard (1...9999).contains(f.year) else { return .failure(.range("year \(f.year) is out of range")) }
        guard (1...12).contains(f.month) else { return .failure(.range("month must be in 1..12")) }
        guard (1...daysInMonth(f.year, f.month)).contains(f.day) else {
            return .failure(.range("day is out of range for month"))
        }
        guard f.hasTime else { return .success(YAMLTimestamp(year: f.year, month: f.month, day: f.day)) }
        guard f.hour < 24 else { return .failure(.range("hour must be in 0..23")) }
        guard f.minute < 60 else { return .failure(.range("minute must be in 0..59")) }
        guard f.second < 60 else { return .failure(.range("second must be in 0..59")) }
        var micro = 0
        if !f.fraction.isEmpty {
            var digits = Array(f.fraction.prefix(6))
            while digits.count < 6 { digits.append(UInt8(ascii: "0")) }
            for d in digits { micro = micro * 10 + Int(d - 48) }
        }
        var offset: Int?
        if let sign = f.tzSign {
            let minutes = f.tzHour * 60 + f.tzMinute
            guard minutes < 24 * 60 else {
                return .failure(.range("offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24)"))
            }
            offset = sign == UInt8(ascii: "-") ? -minutes : minutes
        } else if f.tzZ {
            offset = 0
        }
        let time = Time(hour: f.hour, minute: f.minute, second: f.second, microsecond: micro, utcOffsetMinutes: offset)
        return .success(YAMLTimestamp(year: f.year, month: f.month, day: f.day, time: time))
    }

    enum TimestampProblem: Error {
        case noMatch
        case range(String)
    }
}

func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

/// Python's `re` `$` also matches before one final `\n`: drop it so a hand-written matcher can require the end.
func pythonDollarTrimmed(_ bytes: [UInt8]) -> [UInt8] {
    bytes.last == 0x0A ? Array(bytes.dropLast()) : bytes
}

/// A cursor over ASCII bytes for the hand-written versions of PyYAML's regexes.
struct ByteScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
    mutating func advance() { index += 1 }

    mutating func eat(_ c: UInt8) -> Bool {
        guard peek == c else { return false }
        index += 1
        return true
    }

    mutating func eatMany(where predicate: (UInt8) -> Bool) -> Int {
        let start = index
        while let c = peek, predicate(c) { index += 1 }
        return index - start
    }

    /// Reads min...max decimal digits (greedy), returns their value.
    mutating func digits(min: Int, max: Int) -> Int? { digitsCounted(min: min, max: max)?.0 }

    mutating func digitsCounted(min: Int, max: Int) -> (Int, Int)? {
        var value = 0
        var count = 0
        while count < max, let c = peek, isDigit(c) {
            value = value * 10 + Int(c - 48)
            count += 1
            index += 1
        }
        return count >= min ? (value, count) : nil
    }
}
