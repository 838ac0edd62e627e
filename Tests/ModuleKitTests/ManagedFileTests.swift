import JSON
import ModuleKit
import ModuleTesting
import Testing

/// A module that writes `content` to `dest` through `ManagedFile`, to test the shared file logic.
enum WriteProbe: AnsibleModule {
    static let name = "write_probe"
    static let summary = "write a file"
    static let spec = ModuleSpec([.str("content", required: true), .path("dest", required: true)] + ManagedFile.options)
    static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        try ManagedFile(params: params).update(to: Array((params.string("content") ?? "").utf8), on: host)
    }
}

@Suite struct ManagedFileTests {
    @Test func quartetCheckApplyCheckApply() throws {
        let fs = MemoryFileSystem(directories: ["/etc/kolla"])
        let args: JSONObject = ["content": "a = 1\n", "dest": "/etc/kolla/x.conf", "mode": "0640"]
        let check1 = runModule(WriteProbe.self, args: args, files: fs, check: true, diff: true)
        #expect(check1["changed"] == .bool(true))
        #expect(fs.text("/etc/kolla/x.conf") == nil)
        #expect(check1["diff"]?.objectValue?["after"] == "a = 1\n")
        #expect(check1["diff"]?.objectValue?["before_header"] == "/etc/kolla/x.conf (absent)")
        let apply1 = runModule(WriteProbe.self, args: args, files: fs)
        #expect(apply1["changed"] == .bool(true))
        #expect(fs.text("/etc/kolla/x.conf") == "a = 1\n")
        #expect(fs.files["/etc/kolla/x.conf"]?.permissions == 0o640)
        #expect(apply1["mode"] == "0640")
        #expect(apply1["checksum"] == "31bd2185b0feac6e0c3da31b83b83819ef32a9a6")
        let check2 = runModule(WriteProbe.self, args: args, files: fs, check: true, diff: true)
        #expect(check2["changed"] == .bool(false))
        #expect(check2["diff"] == nil)
        #expect(runModule(WriteProbe.self, args: args, files: fs)["changed"] == .bool(false))
    }

    @Test func attributeOnlyChangeIsReportedAndApplied() throws {
        let fs = MemoryFileSystem()
        fs.put("/d/f", "x", permissions: 0o644)
        let result = runModule(WriteProbe.self, args: ["content": "x", "dest": "/d/f", "mode": "0600", "owner": "kolla"], files: fs, diff: true)
        #expect(result["changed"] == .bool(true))
        #expect(fs.files["/d/f"]?.permissions == 0o600)
        #expect(fs.files["/d/f"]?.uid == 42400)
        #expect(result["owner"] == "kolla")
        #expect(result["diff"]?.objectValue?["after"] == ["path": "/d/f", "mode": "0600", "owner": "kolla"])
    }

    @Test func backupKeepsTheOldContent() throws {
        let fs = MemoryFileSystem()
        fs.put("/d/f", "old\n")
        let result = runModule(WriteProbe.self, args: ["content": "new\n", "dest": "/d/f", "backup": true], files: fs)
        let backup = try #require(result["backup_file"]?.stringValue)
        #expect(backup.hasPrefix("/d/f.") && backup.hasSuffix("~"))
        #expect(fs.text(backup) == "old\n")
        #expect(fs.text("/d/f") == "new\n")
    }

    @Test func checkModePredictsAWriteIntoAFolderNotYetCreated() throws {
        let fs = MemoryFileSystem()
        let result = runModule(WriteProbe.self, args: ["content": "x", "dest": "/missing/f"], files: fs, check: true, diff: true)
        #expect(result["failed"] == nil)
        #expect(result["changed"] == .bool(true))
        #expect(result["warnings"]?.arrayValue?.first?.stringValue?.contains("parent directory /missing does not exist yet") == true)
        #expect(result["diff"]?.objectValue?["after"] == "x")
        #expect(fs.files.isEmpty)
    }

    @Test(
        arguments: [
            (["content": "x", "dest": "/missing/f"], "dest: parent directory /missing does not exist"),
            (["content": "x", "dest": "/d"], "dest: /d is a directory"),
            (["content": "x", "dest": "/d/f", "owner": "nosuchuser"], "owner: user 'nosuchuser' does not exist"),
            (["content": "x", "dest": "/d/f", "group": "nosuchgroup"], "group: group 'nosuchgroup' does not exist"),
            (["content": "x", "dest": "/d/f", "mode": "u=banana"], "mode: 'u=banana' is not a valid symbolic mode"),
        ] as [(JSONObject, String)])
    func failuresNameTheOption(args: JSONObject, message: String) throws {
        let fs = MemoryFileSystem(directories: ["/d"])
        let result = runModule(WriteProbe.self, args: args, files: fs)
        #expect(result["failed"] == .bool(true))
        #expect(result["msg"]?.stringValue?.hasPrefix(message) == true, "\(result)")
        #expect(fs.files.isEmpty)
    }
}
