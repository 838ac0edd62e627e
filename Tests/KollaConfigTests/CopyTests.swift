import KollaConfig
import Platform
import Testing

/// `config_files` copy semantics: globs, trailing-slash destinations, merge, preserve_properties.
@Suite struct CopyTests {
    @Test func trailingSlashDestCopiesIntoTheDirectory() throws {
        let tree = try Tree()
        try tree.config(
            """
            {"command": "c", "config_files": [{"source": "/var/lib/kolla/config_files/svc.conf", "dest": "/etc/svc/",
              "owner": "kolla:", "perm": "600"}]}
            """)
        try tree.write("/var/lib/kolla/config_files/svc.conf", "x\n")
        #expect(tree.run() == 0)
        #expect(try tree.text("/etc/svc/svc.conf") == "x\n")
        #expect(try tree.mode("/etc/svc/svc.conf") == 0o600)
        #expect(try tree.status("/etc/svc/svc.conf")?.gid == tree.kollaGID)
        #expect(tree.check() == 0)
    }

    @Test func globSourcesCopyEveryMatch() throws {
        let tree = try Tree()
        try tree.config(
            """
            {"command": "c", "config_files": [{"source": "/var/lib/kolla/config_files/*.conf", "dest": "/etc/svc/",
              "owner": "kolla", "perm": "0o644"}]}
            """)
        try tree.write("/var/lib/kolla/config_files/a.conf", "a\n")
        try tree.write("/var/lib/kolla/config_files/b.conf", "b\n")
        try tree.write("/var/lib/kolla/config_files/c.ini", "c\n")
        #expect(tree.run() == 0)
        #expect(try tree.text("/etc/svc/a.conf") == "a\n")
        #expect(try tree.text("/etc/svc/b.conf") == "b\n")
        #expect(try !tree.exists("/etc/svc/c.ini"))
        #expect(tree.check() == 0)
        try tree.write("/var/lib/kolla/config_files/b.conf", "B\n")
        #expect(tree.check() == 1)
        #expect(tree.logged("Following files are in bad state: ['/var/lib/kolla/config_files/b.conf']"))
    }

    @Test func globMatchingNothingIsMissingUnlessOptional() throws {
        let tree = try Tree()
        try tree.config(
            """
            {"command": "c", "config_files": [{"source": "/var/lib/kolla/config_files/*.pem", "dest": "/etc/svc/",
              "owner": "kolla", "perm": "0600"}]}
            """)
        #expect(tree.run() == 1)
        #expect(tree.logged("ERROR MissingRequiredSource: /var/lib/kolla/config_files/*.pem file is not found"))
        #expect(try !tree.exists("/run_command"))
        try tree.config(
            """
            {"command": "c", "config_files": [{"source": "/var/lib/kolla/config_files/*.pem", "dest": "/etc/svc/",
              "owner": "kolla", "perm": "0600", "optional": true}]}
            """)
        #expect(tree.run() == 0)
        #expect(tree.check() == 0)
    }

    static func directoryConfig(merge: Bool) -> String {
        """
        {"command": "c", "config_files": [{"source": "/var/lib/kolla/config_files/conf.d", "dest": "/etc/svc/conf.d",
          "owner": "kolla", "perm": "0640", "merge": \(merge)}]}
        """
    }

    @Test func mergeKeepsWhatIsAlreadyInTheDestination() throws {
        let tree = try Tree()
        try tree.write("/etc/svc/conf.d/image-default.conf", "from the image\n")
        try tree.write("/etc/svc/conf.d/a.conf", "old a\n")
        try tree.write("/var/lib/kolla/config_files/conf.d/a.conf", "new a\n")
        try tree.config(Self.directoryConfig(merge: true))
        #expect(tree.run() == 0)
        #expect(try tree.text("/etc/svc/conf.d/image-default.conf") == "from the image\n")
        #expect(try tree.text("/etc/svc/conf.d/a.conf") == "new a\n")
        #expect(tree.check() == 0)
    }

    @Test func withoutMergeTheDestinationIsReplaced() throws {
        let tree = try Tree()
        try tree.write("/etc/svc/conf.d/image-default.conf", "from the image\n")
        try tree.write("/var/lib/kolla/config_files/conf.d/a.conf", "new a\n")
        try tree.config(Self.directoryConfig(merge: false))
        #expect(tree.run() == 0)
        #expect(try !tree.exists("/etc/svc/conf.d/image-default.conf"))
        #expect(try tree.text("/etc/svc/conf.d/a.conf") == "new a\n")
        #expect(try tree.mode("/etc/svc/conf.d") == 0o750)
    }

    @Test func preservePropertiesCopiesModeFromTheSource() throws {
        let tree = try Tree()
        try tree.write("/var/lib/kolla/config_files/key", "secret\n", mode: 0o604)
        try tree.config(
            """
            {"command": "c", "config_files": [{"source": "/var/lib/kolla/config_files/key", "dest": "/etc/svc/key",
              "preserve_properties": true}]}
            """)
        #expect(tree.run() == 0)
        #expect(try tree.mode("/etc/svc/key") == 0o604)
        #expect(tree.logged("Copying permissions from /var/lib/kolla/config_files/key onto /etc/svc/key"))
        #expect(tree.check() == 0)
        try tree.chmod("/var/lib/kolla/config_files/key", 0o600)
        #expect(tree.check() == 1)
    }

    @Test func mergeWithPreservePropertiesKeepsSymlinks() throws {
        let tree = try Tree()
        try tree.write("/var/lib/kolla/config_files/conf.d/real.conf", "r\n")
        try Files.createSymlink(at: tree.path + "/var/lib/kolla/config_files/conf.d/link.conf", to: "real.conf")
        try tree.config(
            """
            {"command": "c", "config_files": [{"source": "/var/lib/kolla/config_files/conf.d", "dest": "/etc/svc/conf.d",
              "merge": true, "preserve_properties": true}]}
            """)
        #expect(tree.run() == 0)
        #expect(try tree.status("/etc/svc/conf.d/link.conf")?.kind == .symlink)
        #expect(try Files.readLink(tree.path + "/etc/svc/conf.d/link.conf") == "real.conf")
        #expect(try tree.text("/etc/svc/conf.d/link.conf") == "r\n")
    }

    @Test func destinationsUnderMissingParentsAreCreated() throws {
        let tree = try Tree()
        try tree.write("/var/lib/kolla/config_files/a", "a")
        try tree.config(
            """
            {"command": "c", "config_files": [{"source": "/var/lib/kolla/config_files/a", "dest": "/deep/er/path/a",
              "owner": "kolla", "perm": "0644"}]}
            """)
        #expect(tree.run() == 0)
        #expect(try tree.text("/deep/er/path/a") == "a")
    }
}
