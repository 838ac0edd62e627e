import Testing
import YAML

/// Python `==` on dict keys, truthiness, `repr()`, `str()` and `type()` (expected texts from CPython 3.11).
struct PythonSemanticsTests {
    @Test func keyEquality() {
        #expect(YAMLValue(1).isSameKey(as: 1.0))
        #expect(YAMLValue(1).isSameKey(as: true))
        #expect(YAMLValue(0).isSameKey(as: false))
        #expect(!YAMLValue(1).isSameKey(as: "1"))
        #expect(!YAMLValue.float(.nan).isSameKey(as: .float(.nan)))
        #expect(!YAMLValue.string("\u{e9}").isSameKey(as: .string("e\u{301}")))  // code points, not canonical equivalence
        let utc = YAMLTimestamp(year: 2001, month: 1, day: 1, time: .init(hour: 5, minute: 0, second: 0, utcOffsetMinutes: 0))
        let est = YAMLTimestamp(year: 2001, month: 1, day: 1, time: .init(hour: 0, minute: 0, second: 0, utcOffsetMinutes: -300))
        #expect(YAMLValue.timestamp(utc).isSameKey(as: .timestamp(est)))
    }

    @Test func truthiness() {
        for falsy: YAMLValue in [nil, false, 0, 0.0, "", [], [:], .binary([])] { #expect(!falsy.isTruthy) }
        for truthy: YAMLValue in [true, 1, 0.5, " ", [nil], ["a": nil]] { #expect(truthy.isTruthy) }
    }

    @Test func reprStrAndType() {
        let v: YAMLValue = [
            "a": [1, 2.5, nil, true], "it's": "say \"hi\"\n", "b": .binary([0, 39, 65]),
            "d": .timestamp(YAMLTimestamp(year: 2001, month: 2, day: 3)), "u": "caf\u{e9}\u{a0}",
        ]
        #expect(
            v.pythonRepr == #"{'a': [1, 2.5, None, True], "it's": 'say "hi"\n', 'b': b"\x00'A", 'd': datetime.date(2001, 2, 3), 'u': 'café\xa0'}"#)
        #expect(YAMLValue.string("x").pythonStr == "x")
        #expect(YAMLValue.float(1e20).pythonStr == "1e+20")
        #expect(YAMLValue.timestamp(YAMLTimestamp(year: 2001, month: 2, day: 3)).pythonStr == "2001-02-03")
        #expect(YAMLValue.string("x").pythonTypeName == "<class 'str'>")
        #expect(YAMLValue.null.pythonTypeName == "<class 'NoneType'>")
        #expect(YAMLValue(2).pythonTypeName == "<class 'int'>")
        let dt = YAMLTimestamp(
            year: 2001, month: 12, day: 14,
            time: .init(hour: 21, minute: 59, second: 43, microsecond: 100_000, utcOffsetMinutes: -300))
        #expect(
            YAMLValue.timestamp(dt).pythonRepr
                == "datetime.datetime(2001, 12, 14, 21, 59, 43, 100000, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=68400)))")
    }
}
