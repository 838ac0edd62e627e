import PythonCompat

/// Python `float` semantics YAML needs: `construct_yaml_float`, `float(str)`, `repr(float)`.
enum PythonFloat {
    /// PyYAML's `construct_yaml_float`; nil where Python raises `ValueError`.
    static func construct(_ text: String) -> Double? {
        var v = Array(text.utf8).filter { $0 != UInt8(ascii: "_") }.map(asciiLower)
        guard let first = v.first else { return nil }
        var sign = 1.0
        if first == UInt8(ascii: "-") { sign = -1 }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { v.removeFirst() }
        if v == Array(".inf".utf8) { return sign * .infinity }
        if v == Array(".nan".utf8) { return -Double.nan }  // PyYAML's nan_value = -inf/inf
        if v.contains(UInt8(ascii: ":")) {
            var parts: [Double] = []
            for part in v.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false) {
                guard let d = parse(Array(part)) else { return nil }
                parts.append(d)
            }
            var base = 1.0
            var value = 0.0
            for digit in parts.reversed() {
                value += digit * base
                base *= 60
            }
            return sign * value
        }
        guard let d = parse(v) else { return nil }
        return sign * d
    }

    /// Python's `float(text)` for ASCII text: surrounding whitespace, sign, `inf`/`infinity`/`nan`, decimal
    /// with optional exponent. (Underscores were already removed by PyYAML.)
    static func parse(_ text: [UInt8]) -> Double? {
        var t = text[...]
        while let c = t.first, isPythonSpace(c) { t.removeFirst() }
        while let c = t.last, isPythonSpace(c) { t.removeLast() }
        var negative = false
        if let c = t.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            negative = c == UInt8(ascii: "-")
            t.removeFirst()
        }
        let word = t.map(asciiLower)
        if word == Array("inf".utf8) || word == Array("infinity".utf8) { return negative ? -.infinity : .infinity }
        if word == Array("nan".utf8) { return negative ? -Double.nan : .nan }
        var s = ByteScanner(Array(t))
        let intDigits = s.eatMany(where: isDigit)
        var fracDigits = 0
        if s.eat(UInt8(ascii: ".")) { fracDigits = s.eatMany(where: isDigit) }
        guard intDigits + fracDigits > 0 else { return nil }
        if let e = s.peek, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            s.advance()
            if let sign = s.peek, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { s.advance() }
            guard s.eatMany(where: isDigit) > 0 else { return nil }
        }
        guard s.atEnd else { return nil }
        // Rebuild as digits.digits[e±n] so Swift's correctly-rounded parser sees one canonical shape.
        var canonical = negative ? "-" : ""
        var body = String(decoding: t, as: UTF8.self)
        if body.hasPrefix(".") { body = "0" + body }
        if let dot = body.firstIndex(of: "."),
            body.index(after: dot) == body.endIndex
                || body[body.index(after: dot)] == "e" || body[body.index(after: dot)] == "E"
        {
            body.insert("0", at: body.index(after: dot))
        }
        canonical += body
        return Double(canonical)
    }

    /// PyYAML's `represent_float` text: `.nan`, `.inf`, `-.inf`, or `repr().lower()` with `.0` forced into
    /// exponent forms (`1e+20` → `1.0e+20`).
    static func yamlText(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        let text = PythonText.repr(value)
        if !text.contains("."), let e = text.firstIndex(of: "e") {
            return String(text[..<e]) + ".0" + String(text[e...])
        }
        return text
    }
}

/// `floor` without libm (this target links neither Glibc nor Foundation).
func floorWithoutLibm(_ d: Double) -> Double {
    guard d.isFinite, d.magnitude < 0x1p52 else { return d }
    let t = Double(Int64(d))  // truncates toward zero
    return t > d ? t - 1 : t
}

/// Whether a finite Double has no fractional part.
func isIntegral(_ d: Double) -> Bool { d.isFinite && floorWithoutLibm(d) == d }

func asciiLower(_ c: UInt8) -> UInt8 { (c >= 0x41 && c <= 0x5A) ? c + 32 : c }
