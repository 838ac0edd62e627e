import JSON
import MergeYAML
import ModuleKit
import ModuleTesting
import Testing

/// merge_yaml as a module: Kolla's merge and PyYAML's output, file handling, errors.
@Suite struct MergeYAMLModuleTests {
    func merge(_ contents: [String], extra: JSONObject = [:]) -> (result: JSONObject, text: String?) {
        let fs = MemoryFileSystem(directories: ["/d"])
        var args: JSONObject = ["contents": .array(contents.map { .string($0) }), "dest": "/d/out.yml"]
        for (k, v) in extra { args[k] = v }
        let result = runModule(MergeYAML.self, args: args, files: fs)
        return (result, fs.text("/d/out.yml"))
    }

    @Test func deepMergesAndSortsKeysLikeKolla() {
        let out = merge(["foo: {a: b, c: 30}\nz: [1]\n", "foo: {spam: 10}\nb: 'yes'\n"])
        #expect(out.text == "b: 'yes'\nfoo:\n  a: b\n  c: 30\n  spam: 10\nz:\n- 1\n")
    }

    @Test func extendsListsWhenAsked() {
        let sources = ["level0: {level1: {mylist: [one, two]}}\n", "level0: {level1: {mylist: [three]}}\n"]
        #expect(merge(sources, extra: ["extend_lists": true]).text == "level0:\n  level1:\n    mylist:\n    - one\n    - two\n    - three\n")
        #expect(merge(sources).text == "level0:\n  level1:\n    mylist:\n    - three\n")
    }

    @Test func extendListsTypeMismatchUsesKollaMessage() throws {
        let out = merge(["a: [1]\n", "a: 2\n"], extra: ["extend_lists": true])
        #expect(out.result["failed"] == .bool(true))
        #expect(
            out.result["msg"]
                == "contents[1]: Failure merging key `a` in dictionary `{'a': [1]}`. Expecting a list, but received: `2`, which is of type: `<class 'int'>`"
        )
        #expect(out.text == nil)
    }

    /// Kolla crashes here with "TypeError: 'int' object does not support item assignment".
    @Test func laterMappingReplacesAScalarWhereKollaCrashes() {
        #expect(merge(["a: 1\n", "a: {b: 2}\n"]).text == "a:\n  b: 2\n")
        #expect(merge(["a: 1\n", "a: {}\n"]).text == "a: 1\n")
    }

    @Test func emptyAndFalsyDocumentsAddNothing() {
        #expect(merge(["", "# only a comment\n", "[]\n", "a: 1\n", "null\n"]).text == "a: 1\n")
        #expect(merge([]).text == "{}\n")
    }

    @Test func topLevelListIsAnError() {
        let out = merge(["- a\n"])
        #expect(out.result["msg"] == "contents[0]: the document must be a mapping at the top level, not <class 'list'>")
    }

    @Test func syntaxErrorsNameTheSource() throws {
        let msg = try #require(merge(["a: 1\n", "a: [\n"]).result["msg"]?.stringValue)
        #expect(msg.hasPrefix("contents[1]: "), "\(msg)")
    }

    @Test func widthFoldsLongStrings() throws {
        let long = String(repeating: "word ", count: 30)
        let narrow = try #require(merge(["k: \(long)x\n"]).text)
        let wide = try #require(merge(["k: \(long)x\n"], extra: ["yaml_width": 131072]).text)
        #expect(narrow.split(separator: "\n").count > 1)
        #expect(wide.split(separator: "\n").count == 1)
        // PyYAML takes widths up to 4 (and 0) as its default of 80.
        #expect(try #require(merge(["k: \(long)x\n"], extra: ["yaml_width": 0]).text) == narrow)
    }

    @Test func quartetIsIdempotent() throws {
        let fs = MemoryFileSystem(directories: ["/d"])
        let args: JSONObject = ["contents": ["x: 1\n"], "dest": "/d/o.yml"]
        #expect(runModule(MergeYAML.self, args: args, files: fs, check: true)["changed"] == .bool(true))
        #expect(fs.files.isEmpty)
        #expect(runModule(MergeYAML.self, args: args, files: fs)["changed"] == .bool(true))
        #expect(runModule(MergeYAML.self, args: args, files: fs, check: true)["changed"] == .bool(false))
        #expect(runModule(MergeYAML.self, args: args, files: fs)["changed"] == .bool(false))
    }

    @Test func specIsSelfConsistent() {
        #expect(MergeYAML.spec.selfCheck().isEmpty)
    }
}
