import JSON
import MergeConfigs
import ModuleKit
import ModuleTesting
import Testing

/// merge_configs as a module: inputs from target files and rendered contents, Kolla's output,
/// check/diff/idempotency, and errors that name the source.
@Suite struct MergeConfigsModuleTests {
    static let testA =
        "[DEFAULT]\nkey1 = b\n       c\nkey2 = v1\n       v2\nkey3 = v3\nkey3 = v4\nkey4 = v5\n\n[b]\nb_key1 = 1\nb_key2 = 1\n         2\n\n[c]\nc_key1 =\nc_key2 = 1 2 3\n         4 5 6\n\n"
    static let testB = "[DEFAULT]\nkey2 = v3\n       v4\n       v5\nkey4 = v4\nkey4 =\n\n[b]\nb_key2 = 2\n\n"
    static let testC =
        "[DEFAULT]\nkey1 = b\n       c\nkey2 = v3\n       v4\n       v5\nkey3 = v3\nkey3 = v4\nkey4 = v4\nkey4 =\n\n[b]\nb_key1 = 1\nb_key2 = 2\n\n[c]\nc_key1 =\nc_key2 = 1 2 3\n         4 5 6\n\n"

    @Test func mergesTargetSourcesThenContentsLikeKolla() throws {
        let fs = MemoryFileSystem(directories: ["/etc/kolla/nova"])
        fs.put("/etc/kolla/config/a.conf", Self.testA)
        let result = runModule(
            MergeConfigs.self,
            args: [
                "sources": ["/etc/kolla/config/a.conf", "/etc/kolla/config/missing.conf"],
                "contents": [.string(Self.testB)], "dest": "/etc/kolla/nova/nova.conf",
            ], files: fs)
        #expect(result["changed"] == .bool(true), "\(result)")
        #expect(fs.text("/etc/kolla/nova/nova.conf") == Self.testC)
    }

    @Test func withoutWhitespace() throws {
        let fs = MemoryFileSystem(directories: ["/d"])
        _ = runModule(
            MergeConfigs.self, args: ["contents": [.string(Self.testA), .string(Self.testB)], "dest": "/d/o", "whitespace": false], files: fs)
        #expect(fs.text("/d/o")?.hasPrefix("[DEFAULT]\nkey1=b\n     c\nkey2=v3\n") == true)
    }

    @Test func skipsUnreadableSourcesAndWritesEmptyWhenNothingIsLeft() throws {
        let fs = MemoryFileSystem(directories: ["/d"])
        fs.put("/d/secret.conf", "[a]\nk = v\n")
        fs.unreadable = ["/d/secret.conf"]
        let result = runModule(MergeConfigs.self, args: ["sources": ["/d/secret.conf", "/nope.conf"], "dest": "/d/o"], files: fs)
        #expect(result["changed"] == .bool(true))
        #expect(fs.text("/d/o") == "")
        #expect(result["size"] == 0)
    }

    @Test func quartetIsIdempotentAndCheckWritesNothing() throws {
        let fs = MemoryFileSystem(directories: ["/d"])
        let args: JSONObject = ["contents": [.string(Self.testA)], "dest": "/d/o", "mode": "0660"]
        let check = runModule(MergeConfigs.self, args: args, files: fs, check: true, diff: true)
        #expect(check["changed"] == .bool(true))
        #expect(check["diff"]?.objectValue?["after"] == .string(Self.testA))
        #expect(fs.files.isEmpty)
        #expect(runModule(MergeConfigs.self, args: args, files: fs)["changed"] == .bool(true))
        #expect(runModule(MergeConfigs.self, args: args, files: fs, check: true)["changed"] == .bool(false))
        #expect(runModule(MergeConfigs.self, args: args, files: fs)["changed"] == .bool(false))
        #expect(fs.files["/d/o"]?.permissions == 0o660)
    }

    @Test func parseErrorsNameTheSourceAndLine() throws {
        let fs = MemoryFileSystem(directories: ["/d"])
        fs.put("/d/bad.conf", "[a]\nx = 1\n\n   cont\n")
        let result = runModule(MergeConfigs.self, args: ["sources": ["/d/bad.conf"], "dest": "/d/o"], files: fs)
        #expect(result["failed"] == .bool(true))
        let msg = try #require(result["msg"]?.stringValue)
        #expect(msg.hasPrefix("sources: /d/bad.conf: at line 4, Unexpected continuation line"), "\(msg)")
        #expect(fs.text("/d/o") == nil)
    }

    /// Kolla reports "at line 5" here (its counter runs on across sources); we name the source's own line.
    @Test func lineNumbersAreThoseOfTheFailingSource() throws {
        let fs = MemoryFileSystem(directories: ["/d"])
        let result = runModule(MergeConfigs.self, args: ["contents": ["[a]\nx = 1\ny = 2\n", "[b]\nnovalue\n"], "dest": "/d/o"], files: fs)
        #expect(result["msg"] == "contents[1]: at line 2, No ':' or '=' found in assignment: 'novalue'")
    }

    @Test func renderedContentsAreNeverEchoed() throws {
        let fs = MemoryFileSystem(directories: ["/d"])
        let result = runModule(MergeConfigs.self, args: ["contents": ["[db]\npassword = hunter2-secret\n"], "dest": "/d/o"], files: fs)
        let echoed = result["invocation"]?.objectValue?["module_args"]?.objectValue
        #expect(echoed?["contents"] == .string(NoLog.placeholder))
    }

    @Test func specIsSelfConsistent() {
        #expect(MergeConfigs.spec.selfCheck().isEmpty)
    }
}
