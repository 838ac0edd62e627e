import PythonCompat

/// How Python treats the objects behind a ``YAMLValue``: dict-key equality, `sorted()` order, `repr()`,
/// `str()` and `type()`. `load` (duplicate keys), `dump` (key order) and merge code (Kolla's messages) use it.
extension YAMLValue {
    /// Python `==` between two dict keys: `1`, `1.0` and `True` are one key; `"1"` is another; an aware and
    /// a naive datetime are never equal; strings compare by code point.
    public func isSameKey(as other: YAMLValue) -> Bool {
        let a = unshared
        let b = other.unshared
        if let x = a.number, let y = b.number { return PythonNumber.compare(x, y) == 0 }
        switch (a, b) {
        case (.null, .null): return true
        case (.string(let x), .string(let y)): return x.unicodeScalars.elementsEqual(y.unicodeScalars)
        case (.binary(let x), .binary(let y)): return x == y
        case (.timestamp(let x), .timestamp(let y)):
            switch (x.time, y.time) {
            case (nil, nil): return x == y
            case (let tx?, let ty?):
                if (tx.utcOffsetMinutes == nil) != (ty.utcOffsetMinutes == nil) { return false }
                return x.utcMinutesKey == y.utcMinutesKey
            default: return false
            }
        case (.sequence(let x), .sequence(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.isSameKey(as: $1) }
        default: return false
        }
    }

    var number: PythonNumber? {
        switch self {
        case .bool(let b): .int(BigInt(b ? 1 : 0))
        case .int(let digits): BigInt(decimal: digits).map(PythonNumber.int)
        case .float(let d): .float(d)
        default: nil
        }
    }

    /// Python's `sorted()` over dict keys: the keys in order, or nil where Python raises `TypeError`
    /// (keys of incomparable types, e.g. `str` and `int`, or `None` with anything), in which case PyYAML
    /// keeps insertion order.
    static func pythonSorted(_ pairs: [YAMLPair]) -> [YAMLPair]? {
        guard pairs.count > 1 else { return pairs }
        let classes = Set(pairs.map { $0.key.unshared.orderClass })
        guard classes.count == 1, let only = classes.first, only != .none, only != .unorderable else { return nil }
        // Stable, like timsort; keys are distinct, so the order is unique (NaN keys aside).
        return pairs.enumerated().sorted { l, r in
            let c = pythonCompare(l.element.key.unshared, r.element.key.unshared)
            return c != 0 ? c < 0 : l.offset < r.offset
        }.map(\.element)
    }

    enum OrderClass: Hashable {
        case number, string, bytes, date, naiveDateTime, awareDateTime, none, unorderable
    }

    var orderClass: OrderClass {
        switch self {
        case .bool, .int, .float: .number
        case .string: .string
        case .binary: .bytes
        case .timestamp(let t):
            t.time == nil ? .date : (t.time?.utcOffsetMinutes == nil ? .naiveDateTime : .awareDateTime)
        case .null: .none
        default: .unorderable
        }
    }

    /// -1/0/1 for two keys of one ``OrderClass``.
    private static func pythonCompare(_ a: YAMLValue, _ b: YAMLValue) -> Int {
        if let x = a.number, let y = b.number { return PythonNumber.compare(x, y) }
        switch (a, b) {
        case (.string(let x), .string(let y)):
            if x.unicodeScalars.elementsEqual(y.unicodeScalars) { return 0 }
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars, by: { $0.value < $1.value }) ? -1 : 1
        case (.binary(let x), .binary(let y)):
            if x == y { return 0 }
            return x.lexicographicallyPrecedes(y) ? -1 : 1
        case (.timestamp(let x), .timestamp(let y)):
            // Same OrderClass: both dates, both naive (offset 0 in the key) or both aware (UTC instants).
            let kx = x.utcMinutesKey
            let ky = y.utcMinutesKey
            if kx == ky { return 0 }
            return kx < ky ? -1 : 1
        default:
            return 0
        }
    }
}

/// A Python `int`/`float` for exact mixed comparison (Python compares `10**20 < 1e20` exactly).
enum PythonNumber {
    case int(BigInt)
    case float(Double)

    static func compare(_ a: PythonNumber, _ b: PythonNumber) -> Int {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.float(let x), .float(let y)): return x == y ? 0 : (x < y ? -1 : (x > y ? 1 : 2))
        case (.int(let x), .float(let y)): return compareIntFloat(x, y)
        case (.float(let x), .int(let y)):
            let c = compareIntFloat(y, x)
            return c == 2 ? 2 : -c
        }
    }

    /// 2 = unordered (NaN).
    private static func compareIntFloat(_ n: BigInt, _ f: Double) -> Int {
        if f.isNaN { return 2 }
        if f.isInfinite { return f > 0 ? -1 : 1 }
        let floor = floorWithoutLibm(f)
        let fl = BigInt(exactly: floor)
        if n < fl { return -1 }
        if fl < n { return 1 }
        return floor == f ? 0 : -1  // n == floor(f) < f
    }
}

extension YAMLValue {
    /// Python truthiness (`bool(x)`): false for `None`, `False`, `0`, `0.0`, `""`, `b""`, `[]`, `{}`.
    /// Kolla's `merge_yaml` reads each source as `yaml.safe_load(text) or {}`.
    public var isTruthy: Bool {
        switch unshared {
        case .null: false
        case .bool(let b): b
        case .int(let digits): digits != "0"
        case .float(let d): d != 0
        case .string(let s): !s.isEmpty
        case .binary(let b): !b.isEmpty
        case .timestamp: true
        case .sequence(let items): !items.isEmpty
        case .mapping(let pairs): !pairs.isEmpty
        case .shared: true
        }
    }
}

// MARK: - repr / str / type (for messages that quote Python, e.g. Kolla's merge_yaml errors)

extension YAMLValue {
    /// Python's `repr()` of the object.
    public var pythonRepr: String {
        switch unshared {
        case .null: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let digits): return digits
        case .float(let d): return PythonText.repr(d)
        case .string(let s): return PythonText.repr(s)
        case .binary(let bytes): return PythonText.repr(bytes: bytes)
        case .timestamp(let t): return t.pythonRepr
        case .sequence(let items): return "[" + items.map(\.pythonRepr).joined(separator: ", ") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { $0.key.pythonRepr + ": " + $0.value.pythonRepr }.joined(separator: ", ") + "}"
        case .shared: return ""  // unreachable: unshared
        }
    }

    /// Python's `str()` of the object (`repr()` except for `str`, `date` and `datetime`).
    public var pythonStr: String {
        switch unshared {
        case .string(let s): s
        case .timestamp(let t): t.isoFormat
        default: pythonRepr
        }
    }

    /// Python's `type()` as printed: `<class 'int'>`.
    public var pythonTypeName: String {
        let name: String
        switch unshared {
        case .null: name = "NoneType"
        case .bool: name = "bool"
        case .int: name = "int"
        case .float: name = "float"
        case .string: name = "str"
        case .binary: name = "bytes"
        case .timestamp(let t): name = t.time == nil ? "datetime.date" : "datetime.datetime"
        case .sequence: name = "list"
        case .mapping: name = "dict"
        case .shared: name = "object"
        }
        return "<class '\(name)'>"
    }
}

/// Lower-case hex, zero-padded (Python's `repr` style).
func hex(_ value: UInt32, _ width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
