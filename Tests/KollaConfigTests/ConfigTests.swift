import JSON
import KollaConfig
import KollaExclude
import Testing

/// Parsing and validating `config.json`, and the exit codes of bad input.
@Suite struct ConfigTests {
    @Test func parsesEveryKey() throws {
        let json = """
            {"command": "/usr/bin/memcached -p 11211",
             "config_files": [{"source": "/a", "dest": "/b/", "owner": "memcached:kolla", "perm": "0600",
                               "optional": true, "merge": true}],
             "directories": [{"path": "/var/log/kolla/memcached", "owner": "memcached:kolla", "perm": "2775"}],
             "files": [{"path": "/var/log/kolla/memcached/m.log", "owner": "memcached", "perm": "0644"}],
             "permissions": [{"path": "/var/log/kolla/memcached/*.log", "owner": "memcached:kolla", "perm": "0664",
                              "recurse": false, "exclude": ["\\\\.gz$"]}],
             "ignored_key": 1}
            """
        let config = try ServiceConfig.parse(Array(json.utf8), path: "config.json", excludes: ExcludePattern.python)
        #expect(config.command == "/usr/bin/memcached -p 11211")
        #expect(
            config.configFiles == [
                ConfigFileEntry(
                    source: "/a", dest: "/b/", owner: Owner(user: "memcached", group: "kolla"), perm: PermissionBits(0o600),
                    optional: true, merge: true)
            ])
        #expect(
            config.directories == [
                PathEntry(path: "/var/log/kolla/memcached", owner: Owner(user: "memcached", group: "kolla"), perm: PermissionBits(0o2775))
            ])
        #expect(config.files.first?.owner == Owner(user: "memcached", group: "memcached"))
        #expect(config.permissions.first?.exclude.first?.matches("/x/y.gz") == true)
    }

    @Test(arguments: [
        (#"[]"#, "Config must be a JSON object"),
        (#"{}"#, "Config is missing required \"command\" key"),
        (#"{"command": 1}"#, "\"command\" must be a string"),
        (#"{"command": "c", "config_files": [{"source": "/a"}]}"#, "Config is missing required keys: {'source', 'dest'}"),
        (
            #"{"command": "c", "config_files": [{"source": "/a", "dest": "/b", "owner": "x"}]}"#,
            "Config needs preserve_properties or owner and perm"
        ),
        (
            #"{"command": "c", "config_files": [{"source": "/a", "dest": "/b", "owner": "x", "perm": "rw"}]}"#,
            "config_files[0].perm: 'rw' is not an octal mode like \"0640\""
        ),
        (
            #"{"command": "c", "config_files": [{"source": "/a", "dest": "/b", "preserve_properties": true, "mode": "1"}]}"#,
            "config_files[0]: unknown key 'mode'"
        ),
        (#"{"command": "c", "config_files": {}}"#, "\"config_files\" must be a list"),
        (
            #"{"command": "c", "directories": [{"path": "/a/*", "owner": "x", "perm": "0700"}]}"#,
            "directories[0].path: '/a/*': globs are not allowed here"
        ),
        (#"{"command": "c", "files": [{"path": "/a", "owner": "x"}]}"#, "files[0]: missing required key 'perm'"),
        (#"{"command": "c", "permissions": [{"path": "/a", "perm": "0700"}]}"#, "permissions[0]: missing required key 'owner'"),
        (
            #"{"command": "c", "permissions": [{"path": "/a", "owner": "x", "exclude": ["(a|b"]}]}"#,
            "exclude pattern '(a|b': missing ), unterminated subpattern at position 0"
        ),
    ])
    func invalidConfigs(json: String, message: String) {
        #expect(throws: KollaError(.invalidConfig, message)) {
            try ServiceConfig.parse(Array(json.utf8), path: "/c.json", excludes: ExcludePattern.python)
        }
    }

    @Test func invalidJSONIsExitOneAndMissingFileIsExitTwo() throws {
        let tree = try Tree()
        try tree.config("{not json")
        #expect(tree.run() == 1)
        #expect(tree.logged("ERROR InvalidConfig: Invalid json file found at /var/lib/kolla/config_files/config.json"))
        #expect(tree.check() == 1)
        try tree.remove("/var/lib/kolla/config_files/config.json")
        tree.clearLog()
        #expect(tree.run() == 2)
        #expect(tree.logged("ERROR Unexpected error: open(/var/lib/kolla/config_files/config.json): No such file or directory"))
        #expect(tree.check() == 2)
    }

    @Test func intPermIsReadAsOctalDigits() throws {
        let config = try ServiceConfig.parse(
            Array(#"{"command": "c", "files": [{"path": "/a", "owner": "x", "perm": 644}]}"#.utf8), path: "c")
        #expect(config.files.first?.perm == PermissionBits(0o644))
    }
}

@Suite struct OwnerTests {
    @Test(arguments: [
        ("kolla", "kolla", "kolla"), ("nova:kolla", "nova", "kolla"), ("nova:", "nova", "nova"), ("0:0", "0", "0"),
        ("a:b:c", "a", "b:c"),
    ])
    func splitsLikeKolla(text: String, user: String, group: String) {
        #expect(Owner(parsing: text) == Owner(user: user, group: group))
    }

    @Test func userDatabaseParsesFilesAndAcceptsNumbers() throws {
        let db = UserDatabase(
            passwd: "# comment\nroot:x:0:0:root:/root:/bin/sh\nkolla:x:42400:42400::/:/bin/false\nbroken\nkolla:x:1:1::/:/x\n",
            group: "root:x:0:\nkolla:x:42400:nova\n")
        #expect(db.uid(of: "kolla") == 42400)
        #expect(db.uid(of: "1234") == 1234)
        #expect(db.uid(of: "nova") == nil)
        #expect(db.gid(of: "kolla") == 42400)
        #expect(db.userName(of: 0) == "root")
        #expect(db.userName(of: 7) == "7")
        #expect(db.groupName(of: 42400) == "kolla")
        #expect(try db.resolve(Owner(parsing: "kolla:root")) == (42400, 0))
        #expect(throws: KollaError(.userNotFound, "group 'nova' is not in /etc/group")) {
            try db.resolve(Owner(parsing: "kolla:nova"))
        }
    }
}

@Suite struct ExcludePatternTests {
    @Test(arguments: [
        ("\\.tmp$", "/a/b.tmp", true), ("\\.tmp$", "/a/b.tmpx", false), ("tmp", "/a/tmp/x", true),
        ("^/var/lib", "/var/lib/x", true), ("^/var/lib", "/x/var/lib", false), ("/var/lib/nova/instances", "/var/lib/nova/instances/1", true),
        ("a.c", "abc", true), ("a.c", "ac", false), ("ab*c", "ac", true), ("ab+c", "ac", false), ("ab+c", "abbbc", true),
        ("colou?r", "color", true), ("[0-9]+\\.log$", "/l/12.log", true), ("[^/]*\\.pid$", "/run/x.pid", true),
        ("\\d\\d", "a1b", false), ("\\d\\d", "a12", true), ("\\w+/\\w+$", "/ab/cd", true), ("foo|bar", "/bar", true),
        ("^foo|bar$", "xfoo", false), ("", "anything", true), ("x[.]y", "x.y", true), ("x[.]y", "xzy", false),
        ("/(nova|glance)/.*\\.log$", "/var/log/nova/api.log", true), ("a{2}$", "/baa", true), ("^/var/(?!lib)", "/var/lib", false),
    ])
    func searchSemantics(pattern: String, text: String, found: Bool) throws {
        #expect(try ExcludePattern.python(pattern).matches(text) == found)
    }

    @Test(arguments: ["(a", "a)", "*a", "a**", "[abc", "[z-a]", "\\1", "(a)\\2", "\\", "\\q"])
    func malformedIsRejected(pattern: String) {
        #expect(throws: KollaError.self) { try ExcludePattern.python(pattern) }
    }
}
