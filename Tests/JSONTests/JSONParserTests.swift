import JSON
import Testing

@Suite struct JSONParserTests {
    @Test(
        arguments: [
            ("null", JSONValue.null), ("true", .bool(true)), ("false", .bool(false)), ("0", .int(0)), ("-12", .int(-12)),
            ("1.5", .double(1.5)), ("1e3", .double(1000)), ("-0.25E-2", .double(-0.0025)), ("\"a\"", .string("a")),
            ("[]", .array([])), ("{}", .object(JSONObject())), (" [1, \"x\", null] ", .array([.int(1), .string("x"), .null])),
            ("\"\\u00e9\\n\\t\\\\\\\"\\/\"", .string("é\n\t\\\"/")), ("\"\\ud83d\\ude00\"", .string("😀")),
            ("\"\\ud83d\"", .string("\u{FFFD}")), ("9223372036854775807", .int(Int.max)),
            ("92233720368547758070", .double(92233720368547758070.0)),
        ] as [(String, JSONValue)])
    func parsesValues(text: String, expected: JSONValue) throws {
        #expect(try JSONParser().parse(text) == expected)
    }

    @Test func keepsKeyOrderAndLastDuplicateWins() throws {
        let value = try JSONParser().parse(#"{"b": 1, "a": 2, "b": 3}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["b", "a"])
        #expect(object["b"] == .int(3))
    }

    @Test(
        arguments: [
            ("", JSONError.empty), ("   ", .empty), ("[1,", .truncated(expected: "a value")),
            ("{\"a\" 1}", .unexpected(offset: 5, found: "'1'", expected: "':'")),
            ("01", .trailingData(offset: 1)), ("-", .invalidNumber(offset: 0)), ("1.", .invalidNumber(offset: 0)),
            ("\"\\x\"", .invalidEscape(offset: 1)), ("tru", .truncated(expected: "'true'")), ("[1] 2", .trailingData(offset: 4)),
            ("\"a\nb\"", .unexpected(offset: 2, found: "byte 0xa", expected: "a string character (control characters must be escaped)")),
            ("{\"a\":1,}", .unexpected(offset: 7, found: "'}'", expected: "a string key")),
        ] as [(String, JSONError)])
    func rejectsMalformedText(text: String, expected: JSONError) {
        #expect(throws: expected) { try JSONParser().parse(text) }
    }

    @Test func rejectsInvalidUTF8WithOffset() {
        let bytes: [UInt8] = [0x22, 0x61, 0xC3, 0x28, 0x22]
        #expect(throws: JSONError.invalidUTF8(offset: 2)) { try JSONParser().parse(bytes) }
    }

    @Test func limitsNesting() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONError.tooDeep(limit: 512)) { try JSONParser().parse(deep) }
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSONParser().parse(ok) }
    }
}
