/// Python's `repr(float)`, the one home for YAML's dumps and module messages.
extension PythonText {
    /// Python's `repr(float)` for finite values (shortest round-trip digits; exponent form when the decimal
    /// exponent is < -4 or ≥ 16).
    public static func repr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let (digits, decpt) = shortestDigits(value.magnitude)
        let sign = value < 0 ? "-" : ""
        let n = digits.count
        if decpt <= -4 || decpt > 16 {
            var mantissa = String(digits.first ?? "0")
            if n > 1 { mantissa += "." + String(digits.dropFirst()) }
            let exp = decpt - 1
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (abs(exp) < 10 ? "0" : "") + String(abs(exp))
        }
        if decpt <= 0 { return sign + "0." + String(repeating: "0", count: -decpt) + digits }
        if decpt >= n { return sign + digits + String(repeating: "0", count: decpt - n) + ".0" }
        let cut = digits.index(digits.startIndex, offsetBy: decpt)
        return sign + digits[..<cut] + "." + digits[cut...]
    }

    /// Shortest round-trip significant digits (no leading/trailing zeros) and the decimal point position
    /// (value = 0.d₁d₂… × 10^decpt), taken from Swift's own shortest formatting.
    private static func shortestDigits(_ value: Double) -> (String, Int) {
        let text = value.description  // e.g. "1e-05", "123.456", "1.7976931348623157e+308"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var intPart = mantissa
        var fracPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = String(intPart) + String(fracPart)
        var decpt = intPart.count + exponent
        while digits.hasPrefix("0") {
            digits.removeFirst()
            decpt -= 1
        }
        while digits.hasSuffix("0") { digits.removeLast() }
        return (digits, decpt)
    }
}
