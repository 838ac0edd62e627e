import JSON
import Testing

@Suite struct JSONWriterTests {
    @Test func writesCompactLikePython() {
        let value: JSONValue = ["changed": true, "msg": "a\"b\\c\n", "n": 3, "list": [1.5, nil, "é"], "empty": [:]]
        #expect(JSONWriter().write(value) == #"{"changed": true, "msg": "a\"b\\c\n", "n": 3, "list": [1.5, null, "é"], "empty": {}}"#)
    }

    @Test func escapesControlCharacters() {
        #expect(JSONWriter().write(.string("\u{01}\u{7F}\u{08}\u{0C}\r\t")) == #""\u0001\u007f\b\f\r\t""#)
    }

    @Test func writesNonFiniteAsNull() {
        #expect(JSONWriter().write(.array([.double(.infinity), .double(.nan)])) == "[null, null]")
    }

    @Test func indents() {
        #expect(JSONWriter(indent: 2).write(["a": [1]]) == "{\n  \"a\": [\n    1\n  ]\n}")
    }
}
