import Testing
import YAML

/// `yaml.dump(v, default_flow_style=False, width=w)` behaviours Kolla-Ansible's merge_yaml relies on
/// (reference §3); every expected text was produced by PyYAML 6.0.3.
struct DumpTests {
    @Test func keysSortLikePythonStrings() {
        let value: YAMLValue = ["z": 1, "a": 2, "_b": 3, "B": 4, "A": 5, "10": 6]
        expectBytes(YAML.dump(value), "'10': 6\nA: 5\nB: 4\n_b: 3\na: 2\nz: 1\n")
    }

    @Test func mixedKeyTypesKeepInsertionOrder() {
        // sorted() raises TypeError for str vs int; PyYAML then keeps the dict's order.
        expectBytes(YAML.dump(["b": 1, 2: "x", "a": 3]), "b: 1\n2: x\na: 3\n")
        // ints, floats and bools compare with each other.
        expectBytes(YAML.dump([3: "c", 1.5: "b", false: "a"]), "false: a\n1.5: b\n3: c\n")
        // None compares with nothing, but a lone key is never compared.
        expectBytes(YAML.dump([nil: 1]), "null: 1\n")
        expectBytes(YAML.dump(["b": 1, nil: 2]), "b: 1\nnull: 2\n")
    }

    @Test func listsAreNotIndentedUnderTheirKey() {
        expectBytes(YAML.dump(["key": ["a", ["b": 1, "c": [2]]]]), "key:\n- a\n- b: 1\n  c:\n  - 2\n")
    }

    @Test func stringsThatLookLikeOtherTypesAreQuoted() {
        let value: YAMLValue = [
            "v": [
                "1", "true", "", "*", "yes", "on", "~", "null", "1.5", "0x10", "2001-01-01",
                "=", "<<", "- a", "a: b", "#x", "a #b", "a#b", "it's", "1e5",
            ]
        ]
        expectBytes(
            YAML.dump(value),
            """
            v:
            - '1'
            - 'true'
            - ''
            - '*'
            - 'yes'
            - 'on'
            - '~'
            - 'null'
            - '1.5'
            - '0x10'
            - '2001-01-01'
            - '='
            - '<<'
            - '- a'
            - 'a: b'
            - '#x'
            - 'a #b'
            - a#b
            - it's
            - 1e5

            """)
    }

    @Test func nonASCIIIsEscapedInDoubleQuotes() {
        expectBytes(
            YAML.dump(["name": "caf\u{e9} \u{2713}", "emoji": "\u{1F600}", "bell": "a\u{7}"]),
            "bell: \"a\\a\"\nemoji: \"\\U0001F600\"\nname: \"caf\\xE9 \\u2713\"\n")
    }

    @Test func emptyCollections() {
        expectBytes(YAML.dump([:]), "{}\n")
        expectBytes(YAML.dump(["a": [:], "b": []]), "a: {}\nb: []\n")
    }

    @Test func scalarsAsPyYAMLWritesThem() {
        let value: YAMLValue = [
            "bool": true, "none": nil, "int": .int("-123456789012345678901234567890"),
            "f1": 1e20, "f2": 1e16, "f3": 1e15, "f4": 0.0001, "f5": 1e-5, "f6": .float(.infinity),
            "f7": .float(-.infinity), "f8": .float(.nan), "f9": -0.0, "f10": 0.1,
            "date": .timestamp(YAMLTimestamp(year: 2001, month: 12, day: 14)),
            "dt": .timestamp(
                YAMLTimestamp(
                    year: 2001, month: 12, day: 14,
                    time: .init(hour: 21, minute: 59, second: 43, microsecond: 100_000, utcOffsetMinutes: -300))),
            "utc": .timestamp(YAMLTimestamp(year: 2002, month: 1, day: 2, time: .init(hour: 3, minute: 4, second: 5, utcOffsetMinutes: 0))),
            "bin": .binary(Array("hello".utf8)),
        ]
        expectBytes(
            YAML.dump(value),
            """
            bin: !!binary |
              aGVsbG8=
            bool: true
            date: 2001-12-14
            dt: 2001-12-14 21:59:43.100000-05:00
            f1: 1.0e+20
            f10: 0.1
            f2: 1.0e+16
            f3: 1000000000000000.0
            f4: 0.0001
            f5: 1.0e-05
            f6: .inf
            f7: -.inf
            f8: .nan
            f9: -0.0
            int: -123456789012345678901234567890
            none: null
            utc: 2002-01-02 03:04:05+00:00

            """)
    }

    @Test func multilineStringsAreQuotedAndFolded() {
        expectBytes(YAML.dump(["m": "first line\nsecond line\n"]), "m: 'first line\n\n  second line\n\n  '\n")
        expectBytes(YAML.dump(["m": "trailing space \nx"]), "m: \"trailing space \\nx\"\n")
    }

    @Test func widthWrapsLongStrings() {
        let long = Array(repeating: "word", count: 30).joined(separator: " ")
        expectBytes(
            YAML.dump(["k": .string(long)]),
            "k: word word word word word word word word word word word word word word word word\n  word word word word word word word word word word word word word word\n"
        )
        expectBytes(YAML.dump(["k": .string(long)], width: 131072), "k: \(long)\n")
        expectBytes(YAML.dump(["k": .string(long)], width: 3), YAML.dump(["k": .string(long)]))  // ≤ 4 → 80
        let quoted = Array(repeating: "caf\u{e9}", count: 12).joined(separator: " ")
        expectBytes(
            YAML.dump(["k": .string(quoted)], width: 40),
            "k: \"caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9\\\n  \\ caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9 caf\\xE9\\\n  \\ caf\\xE9 caf\\xE9\"\n")
    }

    @Test func longKeysBecomeComplexKeys() {
        let key = String(repeating: "k", count: 123)  // 123 + len("!!str") reaches PyYAML's 128 limit
        expectBytes(YAML.dump([.string(key): 1]), "? \(key)\n: 1\n")
        let short = String(repeating: "k", count: 122)
        expectBytes(YAML.dump([.string(short): 1]), "\(short): 1\n")
    }

    @Test func rootScalarsEndTheDocument() {
        expectBytes(YAML.dump("plain"), "plain\n...\n")
        expectBytes(YAML.dump(nil), "null\n...\n")
        expectBytes(YAML.dump(""), "''\n")
        expectBytes(YAML.dump([1, 2]), "- 1\n- 2\n")
    }

    @Test func sharedObjectsGetAnchors() throws {
        let list = YAMLObjectID()
        let map = YAMLObjectID()
        let shared: YAMLValue = .shared(list, [1, 2])
        let sharedMap: YAMLValue = .shared(map, ["x": 1])
        // Anchors are numbered in the order the second reference is met (depth first, sorted keys).
        let value: YAMLValue = ["a": sharedMap, "b": shared, "c": shared, "d": sharedMap]
        expectBytes(YAML.dump(value), "a: &id002\n  x: 1\nb: &id001\n- 1\n- 2\nc: *id001\nd: *id002\n")
        // A shared string is never aliased (PyYAML's ignore_aliases).
        let s = YAMLObjectID()
        expectBytes(YAML.dump(["a": .shared(s, "x"), "b": .shared(s, "x")]), "a: x\nb: x\n")
    }

    @Test func anchorsSurviveLoadAndDump() throws {
        let source = "base: &b {image: kolla, volumes: &v [a, b]}\nsvc:\n  <<: *b\n  extra: *v\n"
        let dumped = YAML.dump(try #require(try YAML.load(source)))
        // The merged dict is a copy, but the list inside is the same object in three places.
        expectBytes(dumped, "base:\n  image: kolla\n  volumes: &id001\n  - a\n  - b\nsvc:\n  extra: *id001\n  image: kolla\n  volumes: *id001\n")
    }
}
