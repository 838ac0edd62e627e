import JSON
import ModuleKit
import ModuleTesting
import Testing

@testable import PuppetConfig

/// The module as Ansible runs it, without an engine: validation, input files, and
/// `update_config_hash_only` on inline definitions (in-memory checksum files).
@Suite struct ModuleTests {
    let noDaemon: JSONValue = "/tmp/oc-pc-no-daemon.sock"

    @Test func specIsSound() {
        #expect(PuppetConfig.spec.selfCheck() == [])
    }

    @Test func missingConfigImageFailsBeforeAnyContainer() {
        let result = runModule(
            PuppetConfig.self,
            args: [
                "puppet_config": [["config_volume": "keystone", "step_config": "include x"]], "docker_host": noDaemon,
                "config_vol_prefix": "/tmp/oc-pc-unit",
            ])
        #expect(result["failed"] == true)
        #expect(result["msg"] == "puppet_config[0] (keystone): config_image is required")
    }

    @Test func puppetConfigIsRequiredUnlessOnlyHashing() {
        let result = runModule(PuppetConfig.self, args: ["docker_host": noDaemon])
        #expect(result["msg"] == "puppet_config: required unless update_config_hash_only is true")
    }

    @Test(arguments: [
        ("/cfg/missing.json", "puppet_config: /cfg/missing.json does not exist"),
        ("/cfg/broken.json", "puppet_config: /cfg/broken.json is not valid JSON"),
        ("/cfg/object.json", "puppet_config: /cfg/object.json must hold a JSON list, not dict"),
        ("relative.json", "puppet_config: 'relative.json' is neither a list nor an absolute file path"),
    ])
    func badInputFiles(path: String, message: String) {
        let files = MemoryFileSystem(files: ["/cfg/broken.json": "[{", "/cfg/object.json": "{}"])
        let result = runModule(PuppetConfig.self, args: ["puppet_config": .string(path), "docker_host": noDaemon], files: files)
        #expect(result["failed"] == true)
        #expect(result["msg"]?.stringValue?.hasPrefix(message) == true, "\(result)")
    }

    /// TripleO crashed on an empty or `null` container-puppet.json (LP#1828295): nothing to do here.
    @Test(arguments: ["", "null", "[]", "[{\"config_volume\": \"\"}]"])
    func emptyInputFileIsNothingToDo(text: String) {
        let files = MemoryFileSystem(files: ["/cfg/c.json": text])
        let result = runModule(PuppetConfig.self, args: ["puppet_config": "/cfg/c.json", "docker_host": noDaemon], files: files)
        #expect(result["failed"] == nil, "\(result)")
        #expect(result["changed"] == false)
        #expect(result["volumes"] == .object(JSONObject()))
    }

    @Test func badOptions() {
        #expect(runModule(PuppetConfig.self, args: ["puppet_config": [], "step": 7])["msg"] == "step: must be between 1 and 6, got 7")
        #expect(
            runModule(PuppetConfig.self, args: ["puppet_config": [], "process_count": 0])["msg"]
                == "process_count: must be at least 1, got 0")
        #expect(
            runModule(PuppetConfig.self, args: ["puppet_config": [], "config_vol_prefix": "/"])["msg"]
                == "config_vol_prefix: must be an absolute directory other than /, got '/'")
        #expect(runModule(PuppetConfig.self, args: ["puppet_config": [], "container_cli": "lxc"])["failed"] == true)
    }

    @Test func updateConfigHashOnlyIsIdempotent() throws {
        let files = MemoryFileSystem(files: [
            "/d/puppet-generated/keystone.md5sum": "k1\n", "/d/keystone.md5sum": "c1\n", "/d/puppet-generated/memcached.md5sum": "m1\n",
        ])
        let definitions: JSONValue = [
            "keystone": [
                "image": "k", "environment": ["KOLLA_CONFIG_STRATEGY": "COPY_ALWAYS"],
                "volumes": ["/d/puppet-generated/keystone/:/var/lib/kolla/config_files/src:ro", "/d/keystone/etc/x:/x:ro"],
            ],
            "memcached": ["image": "m", "environment": ["A=1"], "volumes": ["/d/puppet-generated/memcached/:/src:ro"]],
            "chrony": ["image": "c", "volumes": ["/etc/hosts:/etc/hosts:ro"]],
        ]
        let args: JSONObject = ["update_config_hash_only": true, "config_vol_prefix": "/d", "container_definitions": definitions]
        let first = runModule(PuppetConfig.self, args: args, files: files)
        #expect(first["failed"] == nil, "\(first)")
        #expect(first["config_hashes"] == ["keystone": "c1-k1", "memcached": "m1"])
        #expect(first["updated_containers"] == ["keystone", "memcached"])
        let updated = try #require(first["container_definitions"])
        #expect(updated.objectValue?["memcached"]?.objectValue?["environment"] == ["A=1", "TRIPLEO_CONFIG_HASH=m1"])
        #expect(updated.objectValue?["chrony"] == definitions.objectValue?["chrony"])

        var again = args
        again["container_definitions"] = updated
        let second = runModule(PuppetConfig.self, args: again, files: files)
        #expect(second["updated_containers"] == [])
        #expect(second["container_definitions"] == updated)

        files.put("/d/puppet-generated/memcached.md5sum", "m2\n")
        let third = runModule(PuppetConfig.self, args: again, files: files)
        #expect(third["updated_containers"] == ["memcached"])
    }

    @Test func inlineDefinitionMustBeADict() {
        let result = runModule(
            PuppetConfig.self,
            args: [
                "update_config_hash_only": true, "container_definitions": ["keystone": "image: k"],
            ])
        #expect(result["msg"] == "container_definitions: keystone must be a dict, got str")
    }
}
