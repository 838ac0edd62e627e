import Digest
import Testing

/// The one Base64 (moved here from DockerEngineTests with the type): RFC 4648 both alphabets, and
/// Python's `encodebytes`/`a2b_base64` for YAML's `!!binary` (more vectors in YAMLTests).
@Suite struct Base64Tests {
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func base64MatchesRFC4648(text: String, expected: String) {
        #expect(Base64.standardEncoded(Array(text.utf8)) == expected)
        #expect(Base64.urlEncoded(Array(text.utf8)) == expected)
    }

    @Test func base64URLUsesTheSafeAlphabet() {
        #expect(Base64.standardEncoded([0xFB, 0xFF, 0xBF]) == "+/+/")
        #expect(Base64.urlEncoded([0xFB, 0xFF, 0xBF]) == "-_-_")
    }

    @Test func encodeLinesBreaksEvery76Characters() {
        #expect(Base64.encodeLines([]) == "")
        #expect(Base64.encodeLines(Array("foo".utf8)) == "Zm9v\n")
        let long = Base64.encodeLines([UInt8](repeating: 0, count: 60))
        #expect(long.split(separator: "\n").map(\.count) == [76, 4])
    }

    @Test func pythonDecodeSkipsForeignCharactersAndChecksPadding() throws {
        #expect(try Base64.pythonDecode(Array("Zm9v\nYmFy".utf8)).get() == Array("foobar".utf8))
        #expect(throws: Base64.DecodeProblem.incorrectPadding) { try Base64.pythonDecode(Array("Zm9vYm".utf8)).get() }
        #expect(throws: Base64.DecodeProblem.oneExtraCharacter(5)) { try Base64.pythonDecode(Array("Zm9vY".utf8)).get() }
    }
}
