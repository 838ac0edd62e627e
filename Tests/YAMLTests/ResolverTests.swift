import Testing
import YAML

/// YAML 1.1 implicit resolution as PyYAML's `Resolver` does it (checked against PyYAML 6.0.3).
struct ResolverTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let plain: String
        let value: YAMLValue
        var testDescription: String { plain.debugDescription }
        init(_ plain: String, _ value: YAMLValue) {
            self.plain = plain
            self.value = value
        }
    }

    static let cases: [Case] = [
        // bool: only these spellings
        .init("yes", true), .init("Yes", true), .init("YES", true), .init("no", false), .init("NO", false),
        .init("on", true), .init("On", true), .init("off", false), .init("OFF", false), .init("true", true),
        .init("False", false), .init("y", "y"), .init("n", "n"), .init("yEs", "yEs"), .init("tRUE", "tRUE"),
        // null
        .init("~", nil), .init("null", nil), .init("Null", nil), .init("NULL", nil), .init("nULL", "nULL"),
        // int: decimal, octal (leading 0), hex, binary, underscores, sexagesimal
        .init("0", 0), .init("-0", 0), .init("+12", 12), .init("1_000", 1000), .init("017", 15), .init("0o17", "0o17"),
        .init("09", "09"), .init("0x1F", 31), .init("-0x_ff", -255), .init("0b1010", 10), .init("190:20:30", 685_230),
        .init("-1:30", -90), .init("1:60", "1:60"), .init("0_", 0),
        .init("123456789012345678901234567890", .int("123456789012345678901234567890")),
        .init("0x_FFFF_FFFF_FFFF_FFFF_FFFF", .int("1208925819614629174706175")),
        // float: needs a dot (or inf/nan); exponent needs a sign
        .init("1.5", 1.5), .init("1.", 1.0), .init(".5", 0.5), .init("-.5", "-.5"), .init("1e5", "1e5"),
        .init("1.0e5", "1.0e5"), .init("1.0e+5", 100_000.0), .init("6.8523015e+5", 685_230.15),
        .init("1_000.5", 1000.5), .init("190:20:30.15", 685_230.15), .init(".inf", .float(.infinity)),
        .init("-.Inf", .float(-.infinity)), .init("+.INF", .float(.infinity)), .init(".iNf", ".iNf"),
        // timestamp
        .init("2001-12-14", .timestamp(YAMLTimestamp(year: 2001, month: 12, day: 14))),
        .init("2001-1-1", "2001-1-1"),
        .init(
            "2001-12-14t21:59:43.10-05:00",
            .timestamp(
                YAMLTimestamp(
                    year: 2001, month: 12, day: 14,
                    time: .init(hour: 21, minute: 59, second: 43, microsecond: 100_000, utcOffsetMinutes: -300)))),
        .init(
            "2001-12-14 21:59:43.10 -5",
            .timestamp(
                YAMLTimestamp(
                    year: 2001, month: 12, day: 14,
                    time: .init(hour: 21, minute: 59, second: 43, microsecond: 100_000, utcOffsetMinutes: -300)))),
        .init(
            "2002-12-14T01:02:03Z",
            .timestamp(
                YAMLTimestamp(
                    year: 2002, month: 12, day: 14,
                    time: .init(hour: 1, minute: 2, second: 3, utcOffsetMinutes: 0)))),
        .init(
            "2001-01-01 1:00:00",
            .timestamp(
                YAMLTimestamp(
                    year: 2001, month: 1, day: 1,
                    time: .init(hour: 1, minute: 0, second: 0)))),
        // everything else is a string
        .init("1.2.3", "1.2.3"), .init("v1", "v1"), .init("12:30", 750), .init("x:y", "x:y"),
    ]

    @Test(arguments: cases)
    func plainScalar(_ c: Case) throws {
        let loaded = try YAML.load("k: \(c.plain)\n")
        #expect(loaded?["k"] == c.value)
    }

    @Test(arguments: ["yes", "1", "1.5", "~", "null", "2001-12-14", "0x1F", ".inf"])
    func quotedScalarsStayStrings(_ text: String) throws {
        #expect(try YAML.load("k: '\(text)'\n")?["k"] == .string(text))
        #expect(try YAML.load("k: \"\(text)\"\n")?["k"] == .string(text))
        #expect(try YAML.load("k: !!str \(text)\n")?["k"] == .string(text))
    }

    @Test func explicitTags() throws {
        let v = try YAML.load(
            """
            a: !!int "12"
            b: !!float 3
            c: !!bool YES
            d: !!null whatever
            e: !!binary aGVsbG8gd29ybGQ=
            f: !!timestamp 2001-1-2
            g: ! 12
            h: !!float 1e5
            """)
        #expect(v?["a"] == 12)
        #expect(v?["b"] == 3.0)
        #expect(v?["c"] == true)
        #expect(v?["d"] == .null)
        #expect(v?["e"] == .binary(Array("hello world".utf8)))
        #expect(v?["f"] == .timestamp(YAMLTimestamp(year: 2001, month: 1, day: 2)))
        #expect(v?["g"] == 12)  // PyYAML resolves a `!`-tagged plain scalar implicitly
        #expect(v?["h"] == 100_000.0)
    }

    @Test func nanLoads() throws {
        guard case .float(let d)? = try YAML.load("k: .NaN\n")?["k"] else {
            Issue.record("not a float")
            return
        }
        #expect(d.isNaN)
    }
}
