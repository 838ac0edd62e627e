import Testing
import YAML

/// `YAML.load` = `yaml.safe_load`: documents, errors with positions, guards, and shared objects.
struct LoadTests {
    @Test func emptyStreamsAreNil() throws {
        #expect(try YAML.load("") == nil)
        #expect(try YAML.load("# only a comment\n") == nil)
        #expect(try YAML.load("---\n") == nil)
        #expect(try YAML.load("~\n") == nil)
    }

    @Test func topLevelNonMappingsLoad() throws {
        #expect(try YAML.load("- a\n- b\n") == ["a", "b"])
        #expect(try YAML.load("plain\n") == "plain")
    }

    @Test func multipleDocumentsFailLikeComposerError() {
        do {
            _ = try YAML.load("a: 1\n---\nb: 2\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .composer)
            #expect(error.context == "expected a single document in the stream")
            #expect(error.problem == "but found another document")
            #expect((error.contextLine, error.contextColumn) == (1, 1))
            #expect((error.line, error.column) == (2, 1))
            #expect(error.description == "expected a single document in the stream (line 1, column 1): but found another document (line 2, column 1)")
        }
    }

    @Test func syntaxErrorsCarryLibyamlTextAndPosition() {
        do {
            _ = try YAML.load("a: 1\n b: 2\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.problem == "mapping values are not allowed in this context")
            #expect((error.line, error.column) == (2, 3))
        }
        #expect(throws: YAMLError.self) { try YAML.load("a: [1, 2\n") }
        #expect(throws: YAMLError.self) { try YAML.load("a: 'unterminated\n") }
        #expect(throws: YAMLError.self) { try YAML.load("a: \u{7}\n") }  // control characters are refused
    }

    @Test(arguments: ["a: b\t\n", "a: [x,\ty]\n", "? a\t\n: b\n", "a: &x\tb\n"])
    func tabsOutsideScalarsAndCommentsFailLikePyYAML(_ source: String) {
        #expect(throws: YAMLError.self) { try YAML.load(source) }
    }

    @Test func tabsInsideQuotedBlockScalarsAndCommentsAreFine() throws {
        let v = try YAML.load("a: \"x\ty\"\nb: 'x\ty'\nc: |\n  x\ty\nd: 1 #\tcomment\n")
        #expect(v == ["a": "x\ty", "b": "x\ty", "c": "x\ty\n", "d": 1])
    }

    @Test func constructorErrors() {
        for source in [
            "a: !!int 09\n", "a: !!float abc\n", "a: !!bool maybe\n", "a: !!binary 'a'\n", "a: !foo x\n",
            "a: =\n", "a: <<\n", "<<: 1\n", "[1, 2]: x\n", "a: 2001-02-30\n", "a: !!seq {x: 1}\n", "a: *nope\n",
            "a: &x 1\nb: &x 2\n",
        ] {
            #expect(throws: YAMLError.self, "\(source.debugDescription)") { try YAML.load(source) }
        }
        do {
            _ = try YAML.load("x: 1\na: !foo bar\n")
        } catch {
            #expect(error.kind == .constructor)
            #expect(error.problem == "could not determine a constructor for the tag '!foo'")
            #expect((error.line, error.column) == (2, 4))
        }
    }

    @Test func duplicateKeysKeepFirstPositionAndLastValue() throws {
        #expect(try YAML.load("a: 1\nb: 2\na: 3\n") == ["a": 3, "b": 2])
        // 1, 1.0 and true are one Python key; the first spelling stays.
        #expect(try YAML.load("1: a\ntrue: b\n1.0: c\n") == [1: "c"])
    }

    @Test func mergeKeys() throws {
        let v = try YAML.load(
            """
            a: &a {x: 1, y: 1}
            b: &b {y: 2, z: 2}
            c:
              <<: [*a, *b]
              z: 3
            """)
        // Python's dict order: merged pairs first (later sources first), then the mapping's own.
        #expect(v?["c"] == ["y": 1, "z": 3, "x": 1])
    }

    @Test func aliasBombsAreRefused() {
        var source = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for level in 1...9 {
            source += "l\(level): &l\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = "l\(level)"
        }
        do {
            _ = try YAML.load(source)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .limit)
        }
    }

    @Test func deepNestingIsRefusedWithoutOverflow() throws {
        let ok = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        let loaded = try #require(try YAML.load(ok))
        #expect(YAML.dump(loaded).hasPrefix("- - - "))
        let tooDeep = String(repeating: "[", count: 1001) + String(repeating: "]", count: 1001)
        #expect(throws: YAMLError.self) { try YAML.load(tooDeep) }
        #expect(throws: YAMLError.self) { try YAML.load(String(repeating: "- ", count: 100_000) + "x\n") }
        #expect(throws: YAMLError.self) { try YAML.load(String(repeating: "{", count: 100_000)) }
        #expect(throws: YAMLError.self) { try YAML.load("a: &a [1]\nb: &b [*a]\n", limits: YAML.Limits(maxDepth: 1)) }
    }

    @Test func recursiveAliasesAreRefused() {
        #expect(throws: YAMLError.self) { try YAML.load("a: &a [*a]\n") }
    }

    @Test func aliasesShareOneObject() throws {
        let v = try #require(try YAML.load("a: &x [1]\nb: *x\nc: &y {k: v}\nd: [*y]\ne: &s text\nf: *s\n"))
        guard case .shared(let idA, _)? = v["a"], case .shared(let idB, _)? = v["b"] else {
            Issue.record("lists reached twice should be shared: \(v)")
            return
        }
        #expect(idA == idB)
        guard case .shared(let idC, _)? = v["c"], case .shared(let idD, _)? = v["d"]?.sequenceItems?.first else {
            Issue.record("dicts reached twice should be shared")
            return
        }
        #expect(idC == idD)
        #expect(idA != idC)
        // Strings are never wrapped: PyYAML never aliases them.
        #expect(v["f"] == "text")
        if case .shared? = v["f"] { Issue.record("a str must not be shared") }
        // == looks through identity.
        #expect(v["a"] == [1])
    }

    @Test func anchorsWithoutSecondReferenceAreNotShared() throws {
        let v = try #require(try YAML.load("a: &x [1]\nb: {k: *x, k: 2}\n"))
        if case .shared? = v["a"] { Issue.record("the only surviving reference is not shared") }
    }
}
