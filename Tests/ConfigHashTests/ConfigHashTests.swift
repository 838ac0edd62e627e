import ConfigHash
import JSON
import Testing

/// The config hash: config bases, the `-` join with duplicates, missing checksums, and updates that
/// change only the definitions whose hash changed.
@Suite struct ConfigHashTests {
    let hash = ConfigHash(prefix: "/var/lib/config-data/")

    @Test(arguments: [
        ("/var/lib/config-data/puppet-generated/nova/", "/var/lib/config-data/puppet-generated/nova"),
        ("/var/lib/config-data/puppet-generated/nova/etc/nova", "/var/lib/config-data/puppet-generated/nova"),
        ("/var/lib/config-data/nova/etc/my.cnf.d", "/var/lib/config-data/nova"),
        ("/var/lib/config-data/nova", "/var/lib/config-data/nova"),
        ("/var/lib/config-data/puppet-generated", "/var/lib/config-data/puppet-generated"),
    ])
    func configBase(source: String, base: String) {
        #expect(hash.configBase(ofSource: source) == base)
    }

    @Test(arguments: ["/var/lib/config-data", "/var/lib/config-data-old/nova", "/etc/nova", "relative/x", ""])
    func notAConfigSource(source: String) {
        #expect(hash.configBase(ofSource: source) == nil)
    }

    /// The reference's verified example: duplicates kept, sorted, joined with `-`.
    @Test func referenceExample() {
        let sums = ["/var/lib/config-data/nova": "aaa", "/var/lib/config-data/puppet-generated/nova": "bbb"]
        let volumes = [
            "/var/lib/config-data/puppet-generated/nova/:/var/lib/kolla/config_files/src:ro",
            "/var/lib/config-data/nova/etc/my.cnf.d:/x:ro",
            "/var/lib/config-data/puppet-generated/nova/etc/nova:/y:ro",
            "/etc/hosts:/etc/hosts:ro",
        ]
        #expect(hash.hash(volumes: volumes) { sums[$0] } == "aaa-bbb-bbb")
    }

    @Test func missingChecksumsAreDropped() {
        let volumes = ["/var/lib/config-data/a/:/a", "/var/lib/config-data/b/:/b"]
        #expect(hash.hash(volumes: volumes) { $0.hasSuffix("/b") ? "bb" : nil } == "bb")
        #expect(hash.hash(volumes: volumes) { _ in nil } == nil)
        #expect(hash.hash(volumes: ["/etc/x:/x"]) { _ in "zz" } == nil)
    }

    @Test func listEnvironmentGetsOneEntry() throws {
        let definition: JSONValue = [
            "image": "x", "volumes": ["/var/lib/config-data/puppet-generated/k/:/src:ro"],
            "environment": ["A=1", "TRIPLEO_CONFIG_HASH=old", "B=2"],
        ]
        let update = hash.update(definition) { _ in "new" }
        #expect(update.changed && update.previous == "old" && update.hash == "new")
        #expect(update.definition.objectValue?["environment"] == ["A=1", "TRIPLEO_CONFIG_HASH=new", "B=2"])
        let again = hash.update(update.definition) { _ in "new" }
        #expect(!again.changed)
        #expect(again.definition == update.definition)
    }

    @Test func mappingOrMissingEnvironment() {
        let kolla: JSONValue = [
            "container_name": "keystone", "volumes": ["/var/lib/config-data/puppet-generated/k/:/src:ro"],
            "environment": ["KOLLA_CONFIG_STRATEGY": "COPY_ALWAYS"],
        ]
        let update = hash.update(kolla) { _ in "abc" }
        #expect(update.definition.objectValue?["environment"] == ["KOLLA_CONFIG_STRATEGY": "COPY_ALWAYS", "TRIPLEO_CONFIG_HASH": "abc"])
        let bare: JSONValue = ["volumes": ["/var/lib/config-data/k:/k"]]
        #expect(hash.update(bare) { _ in "abc" }.definition.objectValue?["environment"] == ["TRIPLEO_CONFIG_HASH": "abc"])
    }

    @Test func noConfigVolumeLeavesTheDefinitionAlone() {
        let definition: JSONValue = ["image": "x", "volumes": ["/etc/hosts:/etc/hosts:ro"], "environment": ["A=1"]]
        let update = hash.update(definition) { _ in "abc" }
        #expect(!update.changed && update.definition == definition && update.hash == nil)
    }

    @Test func fileShapes() throws {
        let map = try StartupConfigFile(path: "/x/step_1.json", bytes: Array(#"{"a": {"image": "i"}, "b": {"image": "j"}}"#.utf8))
        #expect(!map.isSingle && map.definitions.map(\.name) == ["a", "b"])
        let single = try StartupConfigFile(path: "/x/step_1/keystone.json", bytes: Array(#"{"image": "i", "volumes": []}"#.utf8))
        #expect(single.isSingle && single.definitions.map(\.name) == ["keystone"])
        #expect(throws: StartupConfigFile.Problem.notAnObject) { try StartupConfigFile(path: "/x", bytes: Array("[1]".utf8)) }
        #expect(throws: (any Error).self) { try StartupConfigFile(path: "/x", bytes: Array("{".utf8)) }
    }

    @Test func fileUpdateRendersOnlyChangedHashes() throws {
        var file = try StartupConfigFile(
            path: "/x/s.json",
            bytes: Array(
                #"""
                {"keystone": {"image": "k", "volumes": ["/var/lib/config-data/puppet-generated/keystone/:/src:ro"], "environment": {"A": "1"}},
                 "memcached": {"image": "m", "volumes": ["/var/lib/config-data/puppet-generated/memcached/:/src:ro"]},
                 "other": {"image": "o"}}
                """#.utf8))
        let sums = ["/var/lib/config-data/puppet-generated/keystone": "k1", "/var/lib/config-data/puppet-generated/memcached": "m1"]
        let first = file.apply(hash) { sums[$0] }
        #expect(first.filter(\.update.changed).map(\.name) == ["keystone", "memcached"])
        let text = file.rendered
        var reread = try StartupConfigFile(path: "/x/s.json", bytes: Array(text.utf8))
        #expect(reread.apply(hash) { sums[$0] }.allSatisfy { !$0.update.changed })
        let changedSums = ["/var/lib/config-data/puppet-generated/keystone": "k2", "/var/lib/config-data/puppet-generated/memcached": "m1"]
        #expect(reread.apply(hash) { changedSums[$0] }.filter(\.update.changed).map(\.name) == ["keystone"])
    }
}
