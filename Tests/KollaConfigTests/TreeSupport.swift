import KollaConfig
import KollaExclude
import Platform
import Testing

/// A throwaway container root under $TMPDIR with `/etc/passwd`, `/etc/group` and
/// `/var/lib/kolla/config_files/`, plus helpers to run `SetConfigs` on it and read back what it did.
final class Tree {
    let path: String
    private(set) var lines: [String] = []
    /// The uid/gid the `kolla` user gets: Kolla's 42400 when the tests run as root, else our own ids
    /// (so chown works for a normal user too).
    let kollaUID: UInt32 = Environment.userID == 0 ? 42400 : Environment.userID
    let kollaGID: UInt32 = Environment.userID == 0 ? 42400 : Environment.groupID
    static let configDir = "/var/lib/kolla/config_files"

    init() throws {
        path = try Directories.makeTemporary(prefix: "oc-kolla-test-")
        try Directories.createAll(path + Tree.configDir)
        try Directories.createAll(path + "/etc")
        let me = Environment.userID
        let myGroup = Environment.groupID
        try write(
            "/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nkolla:x:\(kollaUID):\(kollaGID)::/:/sbin/nologin\nme:x:\(me):\(myGroup)::/:/bin/sh\n")
        try write("/etc/group", "root:x:0:\nkolla:x:\(kollaGID):\nme:x:\(myGroup):\n")
    }

    deinit { try? Directories.removeTree(path) }

    var tool: SetConfigs {
        SetConfigs(
            root: FileRoot(path),
            log: KollaLog { [unowned self] level, message in
                self.lines.append("\(level.rawValue) \(message)")
            }, excludes: ExcludePattern.python)
    }

    /// Runs the tool the way `kolla_start` does (apply) or `compare_container` does (`--check`).
    @discardableResult
    func run(_ strategy: String? = "COPY_ALWAYS") -> Int32 { tool.run(.apply(strategy: strategy)) }
    func check() -> Int32 { tool.run(.check) }

    func write(_ file: String, _ text: String, mode: UInt32 = 0o644) throws {
        try Directories.createAll(Paths.split(path + file).directory)
        try Files.writeAtomically(Array(text.utf8), to: path + file, permissions: mode)
    }

    func config(_ json: String) throws { try write(Tree.configDir + "/config.json", json) }

    func text(_ file: String) throws -> String? {
        try Files.readIfPresent(path + file).map { String(decoding: $0, as: UTF8.self) }
    }

    func status(_ file: String) throws -> FileStatus? { try FileStatus.of(path + file, followLinks: false) }

    func mode(_ file: String) throws -> UInt32? { try status(file)?.permissions }

    func exists(_ file: String) throws -> Bool { try status(file) != nil }

    func remove(_ file: String) throws { try Directories.removeTree(path + file) }

    func chmod(_ file: String, _ mode: UInt32) throws { try Files.setPermissions(path + file, mode) }

    /// Whether any log line contains `fragment`.
    func logged(_ fragment: String) -> Bool { lines.contains { $0.contains(fragment) } }

    func clearLog() { lines.removeAll() }
}

/// Tests that chown to another user need root.
let runningAsRoot = Environment.userID == 0
