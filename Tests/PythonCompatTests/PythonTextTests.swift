import PythonCompat
import Testing

/// Byte comparison: `String ==` treats canonically equivalent text as equal, which would hide
/// exactly the differences these tests exist to catch.
private func expectBytes(_ actual: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(Array(actual.utf8) == Array(expected.utf8), "got \(actual.debugDescription)", sourceLocation: sourceLocation)
}

@Suite("Python str semantics")
struct PythonTextTests {
    /// Expected values are Python 3.12's `repr()` output.
    @Test(
        "repr",
        arguments: [
            ("", "''"),
            ("plain", "'plain'"),
            ("it's", "\"it's\""),
            ("say \"hi\"", "'say \"hi\"'"),
            ("both ' and \"", "'both \\' and \"'"),
            ("back\\slash", "'back\\\\slash'"),
            ("\t\n\r", "'\\t\\n\\r'"),
            ("\u{0}\u{1}\u{1F}\u{7F}", "'\\x00\\x01\\x1f\\x7f'"),
            ("\u{85}\u{A0}\u{AD}", "'\\x85\\xa0\\xad'"),
            ("\u{200B}\u{2028}\u{3000}\u{FEFF}\u{E000}", "'\\u200b\\u2028\\u3000\\ufeff\\ue000'"),
            ("\u{E0001}\u{10FFFF}", "'\\U000e0001\\U0010ffff'"),
            ("é e\u{301} ключ 🗝", "'é e\u{301} ключ 🗝'"),
            // Unicode 15.0 (Python 3.12) assigned U+1F6DC and U+0CF3; U+1ACF and U+088F came later.
            ("\u{1ACF}\u{88F}\u{1F6DC}\u{CF3}", "'\\u1acf\\u088f\u{1F6DC}\u{CF3}'"),
        ])
    func repr(_ input: String, _ expected: String) {
        expectBytes(PythonText.repr(input), expected)
    }

    @Test(
        "isspace matches Python's str.isspace over the BMP edge values",
        arguments: [
            (0x09, true), (0x0D, true), (0x0E, false), (0x1B, false), (0x1C, true), (0x1F, true),
            (0x20, true), (0x21, false), (0x85, true), (0xA0, true), (0x1680, true), (0x180E, false),
            (0x2000, true), (0x200A, true), (0x200B, false), (0x2028, true), (0x2029, true),
            (0x202F, true), (0x205F, true), (0x3000, true), (0xFEFF, false),
        ] as [(UInt32, Bool)])
    func isSpace(_ value: UInt32, _ expected: Bool) throws {
        let scalar = try #require(Unicode.Scalar(value))
        #expect(PythonText.isSpace(scalar) == expected)
    }

    @Test(
        "universal newlines",
        arguments: [
            ("", [String]()),
            ("a", ["a"]),
            ("a\n", ["a"]),
            ("a\n\n", ["a", ""]),
            ("a\r\nb\rc\nd", ["a", "b", "c", "d"]),
            ("\r\r\n\n", ["", "", ""]),
            ("a\u{0B}b\u{0C}c\u{85}d\u{2028}e", ["a\u{0B}b\u{0C}c\u{85}d\u{2028}e"]),
        ])
    func lines(_ input: String, _ expected: [String]) {
        let lines = PythonText.lines(input).map(PythonText.string)
        #expect(lines.map { Array($0.utf8) } == expected.map { Array($0.utf8) })
    }

    @Test(
        "strip family",
        arguments: [
            (" \t x y \u{0B}\u{3000}", "x y \u{0B}\u{3000}", " \t x y", "x y"),
            ("\u{A0}\u{85}", "", "", ""),
            ("x", "x", "x", "x"),
            ("\u{200B}x\u{200B}", "\u{200B}x\u{200B}", "\u{200B}x\u{200B}", "\u{200B}x\u{200B}"),
        ])
    func strip(_ input: String, _ left: String, _ right: String, _ both: String) {
        let scalars = Array(input.unicodeScalars)[...]
        expectBytes(PythonText.string(PythonText.lstrip(scalars)), left)
        expectBytes(PythonText.string(PythonText.rstrip(scalars)), right)
        expectBytes(PythonText.string(PythonText.strip(scalars)), both)
    }

    /// `repr(bytes)` (YAML's `!!binary` in messages), Python 3.12's output.
    @Test(
        "repr bytes",
        arguments: [
            ([] as [UInt8], "b''"),
            (Array("it's".utf8), "b\"it's\""),
            ([0x00, 0x09, 0x5C, 0x7F, 0xFF], "b'\\x00\\t\\\\\\x7f\\xff'"),
        ])
    func reprBytes(_ input: [UInt8], _ expected: String) {
        expectBytes(PythonText.repr(bytes: input), expected)
    }

    /// `repr(float)`, Python 3.12's output: decimal below 1e16, an exponent from there and below 1e-4.
    @Test(
        "repr float",
        arguments: [
            (0.0, "0.0"), (-0.0, "-0.0"), (1.5, "1.5"), (0.1, "0.1"), (1e-05, "1e-05"), (0.0001, "0.0001"),
            (9007199254740992.0, "9007199254740992.0"), (1e16, "1e+16"), (1.2345678901234568e+17, "1.2345678901234568e+17"),
            (-2.5e-300, "-2.5e-300"), (Double.infinity, "inf"), (-Double.infinity, "-inf"), (Double.nan, "nan"),
        ])
    func reprFloat(_ value: Double, _ expected: String) {
        #expect(PythonText.repr(value) == expected)
    }
}
