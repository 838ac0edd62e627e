import KollaConfig
import Platform
import Testing

/// `directories`, `files` and `permissions`.
@Suite struct PermissionsTests {
    @Test func directoriesAndFilesAreCreatedWithOwnerAndMode() throws {
        let tree = try Tree()
        try tree.config(
            """
            {"command": "c",
             "directories": [{"path": "/var/log/kolla/svc", "owner": "kolla:kolla", "perm": "2775"}],
             "files": [{"path": "/var/log/kolla/svc/svc.log", "owner": "kolla", "perm": "0640"}]}
            """)
        #expect(tree.run() == 0)
        #expect(try tree.status("/var/log/kolla/svc")?.kind == .directory)
        #expect(try tree.mode("/var/log/kolla/svc") == 0o2775)
        #expect(try tree.status("/var/log/kolla/svc")?.uid == tree.kollaUID)
        #expect(try tree.text("/var/log/kolla/svc/svc.log") == "")
        #expect(try tree.mode("/var/log/kolla/svc/svc.log") == 0o640)
        // A second run keeps the existing file's content.
        try tree.write("/var/log/kolla/svc/svc.log", "line\n")
        #expect(tree.run() == 0)
        #expect(try tree.text("/var/log/kolla/svc/svc.log") == "line\n")
    }

    @Test func aFileWhoseParentIsMissingIsInvalid() throws {
        let tree = try Tree()
        try tree.config(#"{"command": "c", "files": [{"path": "/nope/x.log", "owner": "kolla", "perm": "0640"}]}"#)
        #expect(tree.run() == 1)
        #expect(tree.logged("ERROR InvalidConfig: files: the parent directory of /nope/x.log does not exist"))
    }

    @Test func aDirectoryEntryOnAFileIsInvalid() throws {
        let tree = try Tree()
        try tree.write("/var/x", "")
        try tree.config(#"{"command": "c", "directories": [{"path": "/var/x", "owner": "kolla", "perm": "0755"}]}"#)
        #expect(tree.run() == 1)
        #expect(tree.logged("directories: /var/x exists and is not a directory"))
    }

    @Test func permissionsRecurseWithExcludes() throws {
        let tree = try Tree()
        try tree.write("/var/lib/svc/a.db", "a", mode: 0o600)
        try tree.write("/var/lib/svc/cache/b.tmp", "b", mode: 0o600)
        try tree.write("/var/lib/svc/cache/c.db", "c", mode: 0o600)
        try tree.write("/var/lib/svc/keep/secret", "s", mode: 0o600)
        try tree.config(
            """
            {"command": "c", "permissions": [{"path": "/var/lib/svc", "owner": "kolla", "perm": "0640", "recurse": true,
              "exclude": ["\\\\.tmp$", "^/var/lib/svc/keep"]}]}
            """)
        #expect(tree.run() == 0)
        #expect(try tree.mode("/var/lib/svc") == 0o750)
        #expect(try tree.mode("/var/lib/svc/a.db") == 0o640)
        #expect(try tree.mode("/var/lib/svc/cache") == 0o750)
        #expect(try tree.mode("/var/lib/svc/cache/c.db") == 0o640)
        #expect(try tree.mode("/var/lib/svc/cache/b.tmp") == 0o600)
        #expect(try tree.mode("/var/lib/svc/keep/secret") == 0o600)
        #expect(try tree.status("/var/lib/svc/a.db")?.uid == tree.kollaUID)
    }

    /// Without a regex engine (kolla_docker's in-namespace `--check`) the patterns stay uncompiled: the check
    /// does not need them, and applying such a config is refused before anything is touched.
    @Test func excludesWithoutARegexEngineCheckButDoNotApply() throws {
        let tree = try Tree()
        try tree.write("/var/lib/svc/a.db", "a", mode: 0o600)
        try tree.config(
            #"{"command": "c", "permissions": [{"path": "/var/lib/svc", "owner": "kolla", "perm": "0640", "recurse": true, "exclude": ["(a|b"]}]}"#)
        var bare = tree.tool
        bare.excludes = nil
        #expect(bare.run(.apply(strategy: "COPY_ALWAYS")) == 1)
        #expect(tree.logged("exclude patterns of /var/lib/svc need a regex engine"))
        #expect(try tree.mode("/var/lib/svc/a.db") == 0o600)
        #expect(!(try tree.exists("/run_command")))
        #expect(bare.run(.check) == 1)  // no /run_command yet: differs, and no pattern was compiled
        #expect(!tree.logged("unterminated subpattern"))
    }

    @Test func permissionsGlobAndOwnerOnly() throws {
        let tree = try Tree()
        try tree.write("/var/log/kolla/svc/a.log", "", mode: 0o600)
        try tree.write("/var/log/kolla/svc/b.log", "", mode: 0o600)
        try tree.write("/var/log/kolla/svc/c.txt", "", mode: 0o600)
        try tree.config(
            """
            {"command": "c", "permissions": [{"path": "/var/log/kolla/svc/*.log", "owner": "kolla", "perm": "0664"},
                                            {"path": "/var/log/kolla/svc/c.txt", "owner": "kolla"},
                                            {"path": "/var/log/kolla/missing", "owner": "kolla", "perm": "0600"}]}
            """)
        #expect(tree.run() == 0)
        #expect(try tree.mode("/var/log/kolla/svc/a.log") == 0o664)
        #expect(try tree.mode("/var/log/kolla/svc/b.log") == 0o664)
        #expect(try tree.mode("/var/log/kolla/svc/c.txt") == 0o600)
        #expect(try tree.status("/var/log/kolla/svc/c.txt")?.uid == tree.kollaUID)
        #expect(!tree.logged("missing does not exist"))  // a glob that matches nothing is skipped silently
    }

    @Test func unknownOwnerIsUserNotFound() throws {
        let tree = try Tree()
        try tree.config(#"{"command": "c", "permissions": [{"path": "/etc", "owner": "nova", "perm": "0755"}]}"#)
        #expect(tree.run() == 1)
        #expect(tree.logged("ERROR UserNotFound: user 'nova' is not in /etc/passwd"))
        try tree.config(#"{"command": "c", "permissions": [{"path": "/etc", "owner": "kolla:nova", "perm": "0755"}]}"#)
        #expect(tree.run() == 1)
        #expect(tree.logged("ERROR UserNotFound: group 'nova' is not in /etc/group"))
    }

    @Test func numericOwnersNeedNoEntry() throws {
        let tree = try Tree()
        try tree.write("/srv/x", "", mode: 0o600)
        let ids = "\(tree.kollaUID):\(tree.kollaGID)"
        try tree.config(#"{"command": "c", "permissions": [{"path": "/srv/x", "owner": "\#(ids)", "perm": "0644"}]}"#)
        #expect(tree.run() == 0)
        #expect(try tree.mode("/srv/x") == 0o644)
    }
}
