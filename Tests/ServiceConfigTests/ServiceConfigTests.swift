import JSON
import ModuleKit
import ModuleTesting
import Platform
import ServiceConfig
import Testing

/// service_config: directories then files in one task, INI merged as merge_configs does, modes and owners,
/// the check → apply → check → apply quartet, and secrets that never reach the output.
@Suite struct ServiceConfigTests {
    static let template = "[DEFAULT]\ndebug = False\nlog_dir = /var/log/kolla\n\n[database]\nmax_retries = -1\n"
    static let override = "[DEFAULT]\ndebug = True\n\n[token]\nexpiration = 900\n"
    /// What Kolla's merge_configs writes for template + override (a later key replaces, order of first appearance).
    static let merged = "[DEFAULT]\ndebug = True\nlog_dir = /var/log/kolla\n\n[database]\nmax_retries = -1\n\n[token]\nexpiration = 900\n\n"
    static let password = "s3cr3t-Pa55word-only-here"

    static func args(
        secretText: String = "[database]\nconnection = mysql+pymysql://keystone:\(ServiceConfigTests.password)@db/keystone\n"
    ) -> JSONObject {
        [
            "directories": [["path": "/etc/kolla/keystone-api", "mode": "0770"]],
            "files": [
                ["dest": "/etc/kolla/keystone-api/config.json", "content": "{\"command\": \"uwsgi\"}\n", "mode": "0660"],
                ["dest": "/etc/kolla/keystone-api/keystone.conf", "ini": [.string(Self.template), .string(Self.override)], "mode": "0660"],
                ["dest": "/etc/kolla/keystone-api/secrets.conf", "content": .string(secretText), "mode": "0600", "secret": true],
            ],
        ]
    }

    @Test func writesDirectoriesAndFilesWithModesAndKollaMerge() throws {
        let fs = MemoryFileSystem(directories: ["/etc/kolla"])
        let result = runModule(ServiceConfig.self, args: Self.args(), files: fs)
        #expect(result["changed"] == .bool(true), "\(result)")
        #expect(try fs.status("/etc/kolla/keystone-api")?.permissions == 0o770)
        #expect(fs.text("/etc/kolla/keystone-api/keystone.conf") == Self.merged)
        #expect(fs.files["/etc/kolla/keystone-api/keystone.conf"]?.permissions == 0o660)
        #expect(fs.files["/etc/kolla/keystone-api/secrets.conf"]?.permissions == 0o600)
        #expect(fs.text("/etc/kolla/keystone-api/config.json") == "{\"command\": \"uwsgi\"}\n")
        #expect(
            result["actions"] == [
                "created directory /etc/kolla/keystone-api", "created /etc/kolla/keystone-api/config.json",
                "created /etc/kolla/keystone-api/keystone.conf", "created /etc/kolla/keystone-api/secrets.conf",
            ])
    }

    @Test func mergeWithoutWhitespaceMatchesMergeConfigs() throws {
        let fs = MemoryFileSystem(directories: ["/d"])
        _ = runModule(ServiceConfig.self, args: ["files": [["dest": "/d/o", "ini": [.string(Self.template)], "whitespace": false]]], files: fs)
        #expect(fs.text("/d/o") == "[DEFAULT]\ndebug=False\nlog_dir=/var/log/kolla\n\n[database]\nmax_retries=-1\n\n")
    }

    @Test func quartetPredictsThenChangesNothing() throws {
        let fs = MemoryFileSystem(directories: ["/etc/kolla"])
        let check = runModule(ServiceConfig.self, args: Self.args(), files: fs, check: true, diff: true)
        #expect(check["changed"] == .bool(true), "\(check)")
        #expect(check["warnings"] == nil, "files in a directory the task creates are predicted without a warning")
        #expect(check["actions"]?.arrayValue?.count == 4)
        #expect(fs.files.isEmpty, "check mode writes nothing")
        #expect(try fs.status("/etc/kolla/keystone-api") == nil)
        #expect(runModule(ServiceConfig.self, args: Self.args(), files: fs)["changed"] == .bool(true))
        let again = runModule(ServiceConfig.self, args: Self.args(), files: fs, check: true, diff: true)
        #expect(again["changed"] == .bool(false))
        #expect(again["actions"] == [])
        #expect(again["diff"] == nil)
        #expect(runModule(ServiceConfig.self, args: Self.args(), files: fs)["changed"] == .bool(false))
    }

    @Test func correctsWrongModesOfFilesAndDirectories() throws {
        let fs = MemoryFileSystem(directories: ["/etc/kolla"])
        _ = runModule(ServiceConfig.self, args: Self.args(), files: fs)
        try fs.setPermissions("/etc/kolla/keystone-api/secrets.conf", 0o644)
        try fs.setPermissions("/etc/kolla/keystone-api", 0o755)
        let result = runModule(ServiceConfig.self, args: Self.args(), files: fs, diff: true)
        #expect(result["actions"] == ["set mode 0770 on directory /etc/kolla/keystone-api", "updated /etc/kolla/keystone-api/secrets.conf"])
        #expect(fs.files["/etc/kolla/keystone-api/secrets.conf"]?.permissions == 0o600)
        #expect(try fs.status("/etc/kolla/keystone-api")?.permissions == 0o770)
    }

    @Test func ownersOfDirectoriesAndFiles() throws {
        let fs = MemoryFileSystem(directories: ["/etc/kolla"])
        let args: JSONObject = [
            "directories": [["path": "/etc/kolla/keystone-database", "mode": "0700", "owner": "42401"]],
            "files": [["dest": "/etc/kolla/keystone-database/request.json", "content": "{}", "owner": "42401", "mode": "0600", "secret": true]],
        ]
        _ = runModule(ServiceConfig.self, args: args, files: fs)
        #expect(try fs.status("/etc/kolla/keystone-database")?.uid == 42401)
        #expect(fs.files["/etc/kolla/keystone-database/request.json"]?.uid == 42401)
        #expect(runModule(ServiceConfig.self, args: args, files: fs)["changed"] == .bool(false))
    }

    @Test func secretsNeverReachTheOutput() throws {
        let fs = MemoryFileSystem(directories: ["/etc/kolla"])
        let first = runModule(ServiceConfig.self, args: Self.args(), files: fs, diff: true)
        let changed = runModule(
            ServiceConfig.self, args: Self.args(secretText: "[database]\nconnection = other-\(Self.password)\n"), files: fs, diff: true)
        let broken = runModule(
            ServiceConfig.self,
            args: [
                "files": [
                    ["dest": "/etc/kolla/x", "ini": [.string("[a]\nnovalue-\(Self.password)\n")], "secret": true]
                ]
            ], files: fs)
        for result in [first, changed, broken] {
            #expect(!JSONWriter().write(.object(result)).contains(Self.password), "\(result)")
        }
        #expect(changed["actions"] == ["updated /etc/kolla/keystone-api/secrets.conf"])
        #expect(changed["diff"] != nil, "diff mode still says that the secret file changed")
        #expect(broken["failed"] == .bool(true))
        #expect(broken["msg"] == "files[0] (/etc/kolla/x): ini[0]: not valid INI (a secret file: the line is not shown)")
    }

    @Test func nonSecretFilesShowTheirDiff() throws {
        let fs = MemoryFileSystem(directories: ["/etc/kolla"])
        let result = runModule(ServiceConfig.self, args: Self.args(), files: fs, check: true, diff: true)
        let afters = result["diff"]?.arrayValue?.compactMap { $0.objectValue?["after"]?.stringValue } ?? []
        #expect(afters.contains(Self.merged))
        #expect(afters.contains("(secret content not shown)\n"))
    }

    @Test func errorsNameTheEntry() throws {
        let fs = MemoryFileSystem(directories: ["/d"])
        fs.put("/d/file", "x")
        let parse = runModule(
            ServiceConfig.self, args: ["files": [["dest": "/d/o", "content": "fine\n"], ["dest": "/d/p", "ini": ["[a]\nnovalue\n"]]]], files: fs)
        #expect(parse["msg"] == "files[1] (/d/p): ini[0]: at line 2, No ':' or '=' found in assignment: 'novalue'")
        let notDir = runModule(ServiceConfig.self, args: ["directories": [["path": "/d/file"]]], files: fs)
        #expect(notDir["msg"] == "directories[0].path: /d/file exists and is not a directory")
        let noParent = runModule(ServiceConfig.self, args: ["files": [["dest": "/nowhere/o", "content": "fine\n"]]], files: fs)
        #expect(noParent["msg"] == "files[0] (/nowhere/o): dest: parent directory /nowhere does not exist")
        let both = runModule(ServiceConfig.self, args: ["files": [["dest": "/d/o", "content": "fine\n", "ini": []]]], files: fs)
        #expect(both["failed"] == .bool(true))
        #expect((both["msg"]?.stringValue ?? "").contains("mutually exclusive: content|ini"))
        let badMode = runModule(ServiceConfig.self, args: ["files": [["dest": "/d/o", "content": "fine\n", "mode": "rwx"]]], files: fs)
        #expect((badMode["msg"]?.stringValue ?? "").hasPrefix("files[0].mode: "))
        let badOwner = runModule(ServiceConfig.self, args: ["directories": [["path": "/d/n", "owner": "no-such-user"]]], files: fs)
        #expect(badOwner["msg"] == "directories[0].owner: user 'no-such-user' does not exist")
    }

    @Test func textsAreNeverEchoed() throws {
        let result = runModule(ServiceConfig.self, args: Self.args(), files: MemoryFileSystem(directories: ["/etc/kolla"]))
        let files = result["invocation"]?.objectValue?["module_args"]?.objectValue?["files"]?.arrayValue ?? []
        #expect(files.count == 3)
        #expect(files[0].objectValue?["content"] == .string(NoLog.placeholder))
        #expect(files[1].objectValue?["ini"] == .string(NoLog.placeholder))
    }

    @Test func specIsSelfConsistent() {
        #expect(ServiceConfig.spec.selfCheck().isEmpty)
    }
}
