import KollaConfig
import Platform
import Testing

@Suite struct StrategyTests {
    static let page = """
        {"command": "httpd -f -p 127.0.0.1:8080 -h /var/www",
         "config_files": [{"source": "/var/lib/kolla/config_files/index.html", "dest": "/var/www/index.html",
                           "owner": "kolla", "perm": "0640"}]}
        """

    @Test func copyAlwaysCopiesSetsPermsAndWritesRunCommand() throws {
        let tree = try Tree()
        try tree.config(Self.page)
        try tree.write("/var/lib/kolla/config_files/index.html", "hello\n", mode: 0o600)
        #expect(tree.run() == 0)
        #expect(try tree.text("/var/www/index.html") == "hello\n")
        #expect(try tree.mode("/var/www/index.html") == 0o640)
        #expect(try tree.status("/var/www/index.html")?.uid == tree.kollaUID)
        #expect(try tree.status("/var/www/index.html")?.gid == tree.kollaGID)
        #expect(try tree.text("/run_command") == "httpd -f -p 127.0.0.1:8080 -h /var/www")
        #expect(try tree.mode("/run_command") == 0o644)
        #expect(tree.logged("INFO Kolla config strategy set to: COPY_ALWAYS"))
        #expect(tree.logged("INFO Copying /var/lib/kolla/config_files/index.html to /var/www/index.html"))
        #expect(try !tree.exists("/configured"))
        #expect(tree.check() == 0)
    }

    @Test func copyAlwaysReplacesOnEveryRun() throws {
        let tree = try Tree()
        try tree.config(Self.page)
        try tree.write("/var/lib/kolla/config_files/index.html", "one\n")
        #expect(tree.run() == 0)
        try tree.write("/var/lib/kolla/config_files/index.html", "two\n")
        #expect(tree.run() == 0)
        #expect(try tree.text("/var/www/index.html") == "two\n")
        #expect(tree.logged("INFO Deleting /var/www/index.html"))
    }

    @Test func copyOnceSecondRunIsANoOp() throws {
        let tree = try Tree()
        try tree.config(Self.page)
        try tree.write("/var/lib/kolla/config_files/index.html", "one\n")
        #expect(tree.run("COPY_ONCE") == 0)
        #expect(try tree.exists("/configured"))
        #expect(try tree.text("/var/www/index.html") == "one\n")
        try tree.write("/var/lib/kolla/config_files/index.html", "two\n")
        tree.clearLog()
        #expect(tree.run("COPY_ONCE") == 0)
        #expect(try tree.text("/var/www/index.html") == "one\n")
        #expect(tree.logged("ERROR ImmutableConfig: The config strategy prevents copying new configs"))
        #expect(!tree.logged("Copying"))
        // --check does not care about the strategy: the source changed, so the container differs.
        #expect(tree.check() == 1)
    }

    @Test(arguments: [nil, "", "COPY_SOMETIMES", "copy_always"])
    func anyOtherStrategyIsInvalid(strategy: String?) throws {
        let tree = try Tree()
        try tree.config(#"{"command": "true"}"#)
        #expect(tree.run(strategy) == 1)
        #expect(tree.logged("ERROR InvalidConfig: KOLLA_CONFIG_STRATEGY is not set properly"))
        #expect(try !tree.exists("/run_command"))
    }

    @Test func commandOnlyConfigWritesRunCommand() throws {
        let tree = try Tree()
        try tree.config(#"{"command": "/usr/bin/memcached -vv -l 127.0.0.1 -p 11211", "config_files": []}"#)
        #expect(tree.run() == 0)
        #expect(try tree.text("/run_command") == "/usr/bin/memcached -vv -l 127.0.0.1 -p 11211")
        #expect(tree.check() == 0)
    }
}
