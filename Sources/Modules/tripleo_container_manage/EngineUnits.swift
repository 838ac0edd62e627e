/// The value syntaxes of `docker run` flags that paunch passes through as text, parsed the way the
/// Docker CLI parses them, so the create request holds what `docker run` would have sent.
enum EngineUnits {
    /// `--memory` / `--memory-swap` (`units.RAMInBytes`): a number with an optional binary unit
    /// (`512`, `1g`, `1.5GB`, `256m`, `1024kb`); `-1` means unlimited (swap only).
    static func ramBytes(_ text: String) -> Int? {
        if text == "-1" { return -1 }
        var rest = Substring(text.lowercased())
        let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard let first = number.first, first != ".", !number.hasSuffix("."), !number.contains(".."),
            let value = Double(number)
        else { return nil }
        rest = rest.dropFirst(number.count)
        if rest.hasPrefix(" ") { rest = rest.dropFirst() }
        var multiplier = 1.0
        if let unit = rest.first, let power = "kmgtp".firstIndex(of: unit) {
            multiplier = Double(1 << (10 * ("kmgtp".distance(from: "kmgtp".startIndex, to: power) + 1)))
            rest = rest.dropFirst()
        }
        if rest.hasPrefix("i") { rest = rest.dropFirst() }
        if rest.hasPrefix("b") { rest = rest.dropFirst() }
        let bytes = value * multiplier
        guard rest.isEmpty, bytes < 9.2e18 else { return nil }
        return Int(bytes)
    }

    /// A Go duration (`--health-interval=30s`): `300ms`, `1m30s`, `2h`, `0`; nanoseconds.
    static func goDuration(_ text: String) -> Int? {
        if text == "0" { return 0 }
        var rest = Substring(text)
        var total = 0.0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            rest = rest.dropFirst(unit.count)
            let scale: Double
            switch unit {
            case "ns": scale = 1
            case "us", "µs": scale = 1e3
            case "ms": scale = 1e6
            case "s": scale = 1e9
            case "m": scale = 60e9
            case "h": scale = 3600e9
            default: return nil
            }
            total += value * scale
        }
        return total < 9.2e18 ? Int(total) : nil
    }

    /// paunch's `duration` for `stop_grace_period`: a number, or `5h34m56s`-style text (`h`, `m`, `s`,
    /// `ms`, `us` in that order); seconds.
    static func paunchDuration(_ text: String) -> Double? {
        var rest = Substring(text)
        var total = 0.0
        var matchedUnit = false
        for (unit, scale) in [("h", 3600.0), ("m", 60.0), ("s", 1.0), ("ms", 0.001), ("us", 0.000001)] {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, rest.dropFirst(number.count).hasPrefix(unit) else { continue }
            let after = rest.dropFirst(number.count + unit.count)
            // "m" must not be the start of "ms".
            if unit == "m", after.hasPrefix("s") { continue }
            guard let value = Double(number) else { return nil }
            total += value * scale
            rest = after
            matchedUnit = true
        }
        if matchedUnit && rest.isEmpty { return total }
        return Double(text.trimmingSpaces)
    }

    /// `--ulimit=nofile=1024:2048` (`nofile=1024` sets both).
    static func ulimit(_ text: String) -> (name: String, soft: Int, hard: Int)? {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        let limits = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(limits.count), let soft = Int(limits[0]) else { return nil }
        guard let hard = limits.count == 2 ? Int(limits[1]) : soft else { return nil }
        return (String(parts[0]), soft, hard)
    }

    /// Python's `str.split()`: runs of whitespace separate words; none at the ends.
    static func pythonSplit(_ text: String) -> [String] {
        text.unicodeScalars.split { $0.properties.isWhitespace || (0x1C...0x1F).contains($0.value) }
            .map { String(String.UnicodeScalarView($0)) }
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" { scalars.removeLast() }
        return String(scalars)
    }
}
