import INI
import Testing

@Suite("INIMerge API")
struct INIMergeTests {
    @Test("nothing merged renders empty")
    func emptyMerge() throws {
        #expect(INIMerge().rendered().isEmpty)
        var merge = INIMerge()
        try merge.merge("")
        try merge.merge("\n# comment\n\n")
        #expect(merge.rendered().isEmpty)
        #expect(merge.rendered(whitespace: false).isEmpty)
    }

    @Test("error carries line, reason and rstripped text")
    func errorPayload() {
        var merge = INIMerge()
        #expect(throws: INIError.syntax(line: 4, reason: "Unexpected continuation line", text: "   cont")) {
            try merge.merge("[a]\nx = 1\n\n   cont  \r\n")
        }
    }

    @Test("line numbers accumulate across sources, including the failed one's lines")
    func lineAccumulation() throws {
        var merge = INIMerge()
        try merge.merge("[a]\nx=1\ny=2\n")  // lines 1-3
        try merge.merge("[b]\r\nz=3")  // lines 4-5 (no final newline)
        #expect(throws: INIError.syntax(line: 8, reason: "Key cannot be empty", text: "= v")) {
            try merge.merge("\n\n= v\n")  // lines 6-8
        }
        #expect(throws: INIError.syntax(line: 9, reason: "No ':' or '=' found in assignment", text: "oops")) {
            try merge.merge("oops\n")
        }
    }

    @Test("a failed source leaves the merged result unchanged")
    func failedSourceIsAtomic() throws {
        var merge = INIMerge()
        try merge.merge("[a]\nk = 1\n")
        let before = merge.rendered()
        #expect(throws: INIError.self) { try merge.merge("[a]\nk = 2\n[b]\nj = 1\n[bad\n") }
        expectBytes(merge.rendered(), before)
    }

    @Test("very long values and keys", arguments: [1, 1_000, 100_000])
    func longValues(_ length: Int) throws {
        let key = String(repeating: "k", count: length)
        let value = String(repeating: "v", count: length)
        var merge = INIMerge()
        try merge.merge("[s]\n\(key) = \(value)\n  \(value)\n")
        let indent = String(repeating: " ", count: length + 3)
        expectBytes(merge.rendered(), "[s]\n\(key) = \(value)\n\(indent)\(value)\n\n")
    }

    @Test("many sources: the last one wins, positions are kept")
    func manySources() throws {
        var merge = INIMerge()
        for index in 0..<500 {
            try merge.merge("[s\(index % 7)]\nk\(index % 5) = \(index)\n")
        }
        var expected = ""
        for section in 0..<7 {
            expected += "[s\(section)]\n"
            // keys in first-appearance order inside the section, each with its last value
            let indices = (0..<500).filter { $0 % 7 == section }
            var order: [Int] = []
            for index in indices where !order.contains(index % 5) { order.append(index % 5) }
            for key in order {
                let last = indices.last { $0 % 5 == key } ?? 0
                expected += "k\(key) = \(last)\n"
            }
            expected += "\n"
        }
        expectBytes(merge.rendered(), expected)
    }

    @Test("names are compared by code point, not canonical equivalence")
    func codePointNames() throws {
        var merge = INIMerge()
        try merge.merge("[caf\u{E9}]\n\u{E9} = 1\n[cafe\u{301}]\ne\u{301} = 2\n  x\n")
        expectBytes(
            merge.rendered(),
            "[caf\u{E9}]\n\u{E9} = 1\n\n[cafe\u{301}]\ne\u{301} = 2\n     x\n\n")
    }
}
