import KollaConfig
import Platform
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `--check` as `compare_container` uses it: 0 in sync, 1 with the reason logged.
@Suite struct CheckTests {
    static let config = """
        {"command": "sleep infinity",
         "config_files": [
           {"source": "/var/lib/kolla/config_files/svc.conf", "dest": "/etc/svc/svc.conf", "owner": "kolla", "perm": "0600"},
           {"source": "/var/lib/kolla/config_files/extra.conf", "dest": "/etc/svc/extra.conf", "owner": "kolla",
            "perm": "0600", "optional": true}]}
        """

    /// A tree applied once with `COPY_ALWAYS`, so the check starts in sync.
    func applied() throws -> Tree {
        let tree = try Tree()
        try tree.config(Self.config)
        try tree.write("/var/lib/kolla/config_files/svc.conf", "[DEFAULT]\ndebug = true\n")
        #expect(tree.run() == 0)
        #expect(tree.check() == 0)
        tree.clearLog()
        return tree
    }

    @Test func inSyncIsZeroAndOptionalMissingSourceIsFine() throws {
        let tree = try applied()
        #expect(tree.check() == 0)
        #expect(!tree.logged("ERROR"))
    }

    @Test func changedSourceContentDiffers() throws {
        let tree = try applied()
        try tree.write("/var/lib/kolla/config_files/svc.conf", "[DEFAULT]\ndebug = false\n")
        #expect(tree.check() == 1)
        #expect(
            tree.logged(
                "ERROR The content of source file(/var/lib/kolla/config_files/svc.conf) and dest file(/etc/svc/svc.conf) are not equal."
            ))
        #expect(tree.logged("ERROR ConfigFileBadState: Following files are in bad state: ['/var/lib/kolla/config_files/svc.conf']"))
        // A restart (apply) brings it back in sync.
        #expect(tree.run() == 0)
        #expect(tree.check() == 0)
    }

    @Test func changedDestPermDiffers() throws {
        let tree = try applied()
        try tree.chmod("/etc/svc/svc.conf", 0o644)
        #expect(tree.check() == 1)
        #expect(tree.logged("ERROR Dest file does not have expected perm: 0600, actual: 0644"))
    }

    @Test func changedPermInConfigDiffers() throws {
        let tree = try applied()
        try tree.config(Self.config.replacingFirst("\"0600\"", with: "\"0640\""))
        #expect(tree.check() == 1)
        #expect(tree.logged("expected perm: 0640, actual: 0600"))
    }

    @Test func changedCommandDiffers() throws {
        let tree = try applied()
        try tree.config(Self.config.replacingFirst("sleep infinity", with: "sleep 10"))
        #expect(tree.check() == 1)
        #expect(tree.logged("ERROR ConfigFileCommandDiffers: Running command differs. sleep 10 != sleep infinity"))
    }

    @Test func missingRunCommandDiffers() throws {
        let tree = try applied()
        try tree.remove("/run_command")
        #expect(tree.check() == 1)
        #expect(tree.logged("ConfigFileCommandDiffers"))
    }

    @Test func missingRequiredSourceDiffers() throws {
        let tree = try applied()
        try tree.remove("/var/lib/kolla/config_files/svc.conf")
        #expect(tree.check() == 1)
        #expect(tree.logged("ERROR MissingRequiredSource: /var/lib/kolla/config_files/svc.conf file is not found"))
    }

    @Test func optionalSourceThatAppearsDiffersUntilCopied() throws {
        let tree = try applied()
        try tree.write("/var/lib/kolla/config_files/extra.conf", "x = 1\n")
        #expect(tree.check() == 1)
        #expect(tree.logged("Dest file /etc/svc/extra.conf does not exist"))
        #expect(tree.run() == 0)
        #expect(tree.check() == 0)
    }

    @Test func removedDestDiffers() throws {
        let tree = try applied()
        try tree.remove("/etc/svc/svc.conf")
        #expect(tree.check() == 1)
    }

    @Test(.enabled(if: runningAsRoot)) func changedOwnerDiffers() throws {
        let tree = try applied()
        try Files.setOwner(tree.path + "/etc/svc/svc.conf", uid: 0, gid: nil)
        #expect(tree.check() == 1)
        #expect(tree.logged("ERROR Dest file does not have expected user: kolla, actual: root "))
        try Files.setOwner(tree.path + "/etc/svc/svc.conf", uid: tree.kollaUID, gid: 0)
        tree.clearLog()
        #expect(tree.check() == 1)
        #expect(tree.logged("ERROR Dest file does not have expected group: kolla, actual: root "))
    }

    @Test func checkChangesNothing() throws {
        let tree = try applied()
        try tree.write("/var/lib/kolla/config_files/svc.conf", "new\n")
        #expect(tree.check() == 1)
        #expect(try tree.text("/etc/svc/svc.conf") == "[DEFAULT]\ndebug = true\n")
    }

    @Test func directorySourceIsComparedFileByFile() throws {
        let tree = try Tree()
        try tree.config(
            """
            {"command": "c", "config_files": [{"source": "/var/lib/kolla/config_files/conf.d", "dest": "/etc/svc/conf.d",
              "owner": "kolla", "perm": "0640"}]}
            """)
        try tree.write("/var/lib/kolla/config_files/conf.d/a.conf", "a\n")
        try tree.write("/var/lib/kolla/config_files/conf.d/sub/b.conf", "b\n")
        #expect(tree.run() == 0)
        #expect(try tree.text("/etc/svc/conf.d/sub/b.conf") == "b\n")
        #expect(try tree.mode("/etc/svc/conf.d/sub") == 0o750)
        #expect(try tree.mode("/etc/svc/conf.d/sub/b.conf") == 0o640)
        #expect(tree.check() == 0)
        try tree.write("/var/lib/kolla/config_files/conf.d/sub/b.conf", "B\n")
        #expect(tree.check() == 1)
        #expect(tree.logged("['/var/lib/kolla/config_files/conf.d']"))
    }
}

extension String {
    /// `self` with the first occurrence of `target` replaced (no Foundation in this package).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        let chars = Array(self)
        let t = Array(target)
        guard !t.isEmpty, chars.count >= t.count else { return self }
        for start in 0...(chars.count - t.count) where Array(chars[start..<start + t.count]) == t {
            return String(chars[..<start]) + replacement + String(chars[(start + t.count)...])
        }
        return self
    }
}

/// What `--check` reads: regular files only, and no more of the destination than the source holds.
@Suite struct CheckReadsTests {
    @Test func aFIFOAtTheDestinationIsAnErrorNotAWait() throws {
        let tree = try CheckTests().applied()
        try tree.remove("/etc/svc/svc.conf")
        #expect(mkfifo(tree.path + "/etc/svc/svc.conf", 0o600) == 0)
        #expect(tree.check() == 2)
        #expect(tree.logged("/etc/svc/svc.conf"))
    }

    @Test func aLongerDestinationDiffersWithoutBeingRead() throws {
        let tree = try CheckTests().applied()
        try tree.write("/etc/svc/svc.conf", "[DEFAULT]\ndebug = true\n" + String(repeating: "x", count: 100_000), mode: 0o600)
        #expect(tree.check() == 1)
        #expect(tree.logged("are not equal"))
    }
}
