import JSON
import ModuleKit
import Testing

@testable import PuppetConfig

/// Entries as TripleO writes them (dicts, Queens/Train positional lists) and bad ones.
@Suite struct ItemParsingTests {
    @Test func dictEntry() throws {
        let entry: JSONValue = [
            "config_volume": "keystone", "puppet_tags": "keystone_config", "step_config": "include ::keystone",
            "config_image": "img:1", "volumes": ["/x:/x:ro"], "privileged": true,
        ]
        let item = try #require(try PuppetConfigItem.parse(entry, index: 0))
        #expect(
            item
                == PuppetConfigItem(
                    configVolume: "keystone", puppetTags: "keystone_config", stepConfig: "include ::keystone", configImage: "img:1",
                    volumes: ["/x:/x:ro"], privileged: true))
    }

    @Test func positionalEntry() throws {
        let entry: JSONValue = ["nova", "nova_config", "include ::nova", "img:2", ["/a:/a"]]
        let item = try #require(try PuppetConfigItem.parse(entry, index: 3))
        #expect(item.configVolume == "nova" && item.puppetTags == "nova_config" && item.configImage == "img:2" && item.volumes == ["/a:/a"])
    }

    @Test func tagListIsJoined() throws {
        let item = try PuppetConfigItem.parse(["config_volume": "v", "config_image": "i", "puppet_tags": ["a", "b"]], index: 0)
        #expect(item?.puppetTags == "a,b")
    }

    @Test(arguments: [["config_volume": ""], ["config_volume": nil], ["config_image": "i"]] as [JSONValue])
    func entryWithoutVolumeIsSkipped(entry: JSONValue) throws {
        #expect(try PuppetConfigItem.parse(entry, index: 0) == nil)
    }

    @Test(
        arguments: [
            (["config_volume": "keystone", "step_config": "x"], "puppet_config[0] (keystone): config_image is required"),
            (["config_volume": "keystone", "config_image": ""], "puppet_config[0] (keystone): config_image is required"),
            (["config_volume": "k", "config_image": "i", "volumes": "/a:/a"], "puppet_config[0] (k): volumes must be a list, got str"),
            (
                ["config_volume": "k", "config_image": "i", "volumes": [1]],
                "puppet_config[0] (k): volumes must be a list of 'source:dest[:mode]' strings, found int"
            ),
            (["config_volume": "k", "config_image": "i", "privileged": "yes"], "puppet_config[0] (k): privileged must be a boolean, got str"),
            (["config_volume": "k", "config_image": "i", "puppet_tags": 3], "puppet_config[0] (k): puppet_tags must be a string, got int"),
            (["config_volume": "k", "config_image": ["i"]], "puppet_config[0] (k): config_image must be a string, got list"),
            (["config_volume": 5, "config_image": "i"], "puppet_config[0]: config_volume must be a string, got int"),
            (
                ["config_volume": "../etc", "config_image": "i"],
                "puppet_config[0] (../etc): config_volume must be a plain name ([A-Za-z0-9_.-], not . or ..), got '../etc'"
            ),
            (
                ["config_volume": "k", "config_image": "i", "puppet_tag": "x"],
                "puppet_config[0]: unknown key 'puppet_tag' (known: config_volume, puppet_tags, step_config, config_image, volumes, privileged, keep_container)"
            ),
            ("keystone", "puppet_config[0]: expected a dict (or a positional list), got str"),
        ] as [(JSONValue, String)])
    func badEntries(entry: JSONValue, message: String) {
        #expect(throws: Never.self) {
            do {
                _ = try PuppetConfigItem.parse(entry, index: 0)
                Issue.record("accepted \(entry)")
            } catch let failure as ModuleFailure {
                #expect(failure.msg == message)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}
