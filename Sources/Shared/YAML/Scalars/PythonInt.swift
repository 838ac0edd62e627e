/// Python's unbounded `int`, as far as YAML needs it: built from digits in base 2/8/10/16 or base-60 groups,
/// written in decimal, compared. Magnitude in base 10⁹ limbs, least significant first.
struct BigInt: Comparable {
    private(set) var negative = false
    private(set) var limbs: [UInt32] = []  // empty = 0

    private static let base: UInt64 = 1_000_000_000

    init() {}

    init(_ value: Int) {
        negative = value < 0
        var m = value.magnitude
        while m > 0 {
            limbs.append(UInt32(m % UInt(Self.base)))
            m /= UInt(Self.base)
        }
    }

    var isZero: Bool { limbs.isEmpty }

    /// self = self * factor + addend (magnitude only).
    mutating func multiplyAdd(_ factor: UInt32, _ addend: UInt32) {
        var carry = UInt64(addend)
        for i in limbs.indices {
            let v = UInt64(limbs[i]) * UInt64(factor) + carry
            limbs[i] = UInt32(v % Self.base)
            carry = v / Self.base
        }
        while carry > 0 {
            limbs.append(UInt32(carry % Self.base))
            carry /= Self.base
        }
        normalize()
    }

    mutating func add(_ other: BigInt) {
        // Magnitudes only (both non-negative in our uses).
        var carry: UInt64 = 0
        let n = max(limbs.count, other.limbs.count)
        var out: [UInt32] = []
        out.reserveCapacity(n + 1)
        for i in 0..<n {
            let a = i < limbs.count ? UInt64(limbs[i]) : 0
            let b = i < other.limbs.count ? UInt64(other.limbs[i]) : 0
            let v = a + b + carry
            out.append(UInt32(v % Self.base))
            carry = v / Self.base
        }
        if carry > 0 { out.append(UInt32(carry)) }
        limbs = out
        normalize()
    }

    func multiplied(by factor: UInt32) -> BigInt {
        var copy = self
        copy.multiplyAdd(factor, 0)
        return copy
    }

    mutating func negate(_ flag: Bool) { negative = flag && !isZero }

    private mutating func normalize() {
        while limbs.last == 0 { limbs.removeLast() }
        if limbs.isEmpty { negative = false }
    }

    /// Parses Python's `int(text, base)` digits (no sign, no prefix, no underscores); nil if empty or invalid.
    static func parse(_ digits: [UInt8], base: UInt32) -> BigInt? {
        guard !digits.isEmpty else { return nil }
        var value = BigInt()
        for c in digits {
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x61...0x7A: d = UInt32(c - 0x61 + 10)
            case 0x41...0x5A: d = UInt32(c - 0x41 + 10)
            default: return nil
            }
            guard d < base else { return nil }
            value.multiplyAdd(base, d)
        }
        return value
    }

    /// Decimal, like Python's `str(int)`.
    var decimal: String {
        guard let top = limbs.last else { return "0" }
        var text = negative ? "-" : ""
        text += String(top)
        for limb in limbs.dropLast().reversed() { text += pad(Int(limb), 9) }
        return text
    }

    /// Parses a canonical decimal (`-123`); nil if not one.
    init?(decimal: String) {
        var bytes = Array(decimal.utf8)
        var neg = false
        if bytes.first == UInt8(ascii: "-") {
            neg = true
            bytes.removeFirst()
        } else if bytes.first == UInt8(ascii: "+") {
            bytes.removeFirst()
        }
        guard !bytes.isEmpty, bytes.allSatisfy(isDigit), let v = BigInt.parse(bytes, base: 10) else { return nil }
        self = v
        negate(neg)
    }

    static func < (lhs: BigInt, rhs: BigInt) -> Bool {
        if lhs.negative != rhs.negative { return lhs.negative }
        let magnitudeLess =
            lhs.limbs.count != rhs.limbs.count
            ? lhs.limbs.count < rhs.limbs.count
            : lhs.limbs.reversed().lexicographicallyPrecedes(rhs.limbs.reversed())
        let equal = lhs.limbs == rhs.limbs
        if equal { return false }
        return lhs.negative ? !magnitudeLess : magnitudeLess
    }

    /// The exact integer value of a finite, integral Double.
    init(exactly double: Double) {
        if double.magnitude < 0x1p63 {
            self.init(Int(double))
            return
        }
        // |double| ≥ 2⁶³: significand × 2^exponent with exponent > 0.
        var value = BigInt(Int(double.significandBitPattern | (1 << 52)))
        for _ in 0..<(Int(double.exponent) - 52) { value.multiplyAdd(2, 0) }
        value.negate(double < 0)
        self = value
    }
}

/// PyYAML's `construct_yaml_int` on the scalar text (after the resolver or an explicit `!!int`), giving
/// Python's decimal `str()` of the result; nil where Python raises `ValueError`.
func constructInt(_ text: String) -> String? {
    var v = Array(text.utf8).filter { $0 != UInt8(ascii: "_") }
    guard let first = v.first else { return nil }  // Python: IndexError
    var negative = false
    if first == UInt8(ascii: "-") { negative = true }
    if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { v.removeFirst() }
    let result: BigInt?
    if v == [UInt8(ascii: "0")] {
        return "0"
    } else if v.starts(with: Array("0b".utf8)) {
        result = pythonInt(Array(v.dropFirst(2)), base: 2)
    } else if v.starts(with: Array("0x".utf8)) {
        result = pythonInt(Array(v.dropFirst(2)), base: 16)
    } else if v.first == UInt8(ascii: "0") {
        result = pythonInt(v, base: 8)
    } else if v.contains(UInt8(ascii: ":")) {
        var total = BigInt()
        for part in v.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false) {
            guard let digit = pythonInt(Array(part), base: 10), !digit.negative else { return nil }
            total = total.multiplied(by: 60)
            total.add(digit)
        }
        result = total
    } else {
        result = pythonInt(v, base: 10)
    }
    guard var value = result else { return nil }
    value.negate(negative != value.negative)
    return value.decimal
}

/// Python's `int(text, base)` for the shapes YAML produces: optional surrounding ASCII whitespace, optional
/// sign, digits.
private func pythonInt(_ text: [UInt8], base: UInt32) -> BigInt? {
    var t = text[...]
    while let c = t.first, isPythonSpace(c) { t.removeFirst() }
    while let c = t.last, isPythonSpace(c) { t.removeLast() }
    var negative = false
    if let c = t.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
        negative = c == UInt8(ascii: "-")
        t.removeFirst()
    }
    if base == 8, t.count > 1, t.first == UInt8(ascii: "0"), t.dropFirst().first == UInt8(ascii: "o") {
        t.removeFirst(2)
    }
    guard var value = BigInt.parse(Array(t), base: base) else { return nil }
    value.negate(negative)
    return value
}

func isPythonSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) }
