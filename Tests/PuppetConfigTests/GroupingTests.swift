import JSON
import ModuleKit
import Testing

@testable import PuppetConfig

/// Grouping by config volume: merge rules, default tags, and the TripleO crashes that are not ours.
@Suite struct GroupingTests {
    func item(_ volume: String, tags: String?, manifest: String, image: String = "img:1", volumes: [String] = []) -> PuppetConfigItem {
        PuppetConfigItem(configVolume: volume, puppetTags: tags, stepConfig: manifest, configImage: image, volumes: volumes, privileged: false)
    }

    @Test func twoServicesShareAVolumeAndAThirdHasItsOwn() {
        let (groups, warnings) = VolumeGroup.group([
            item("keystone", tags: "keystone_config", manifest: "include a", volumes: ["/b:/b", "/a:/a"]),
            item("memcached", tags: "file", manifest: "include m"),
            item("keystone", tags: "keystone_domain_config,keystone_config", manifest: "include b", image: "other:2", volumes: ["/a:/a", "/c:/c"]),
        ])
        #expect(groups.map(\.volume) == ["keystone", "memcached"])
        let keystone = groups[0]
        #expect(keystone.image == "img:1")
        #expect(keystone.serviceTags == "keystone_config,keystone_domain_config")
        #expect(keystone.puppetTags == "file,file_line,concat,augeas,cron,keystone_config,keystone_domain_config")
        #expect(keystone.manifest == "include a\ninclude b")
        #expect(keystone.volumes == ["/a:/a", "/b:/b", "/c:/c"])
        #expect(warnings == ["keystone: config image other:2 does not match img:1, the first one is used"])
        #expect(groups[1].puppetTags == "file,file_line,concat,augeas,cron,file")
    }

    /// TripleO Wallaby: a first entry without `puppet_tags` crashes with KeyError, a `null` one
    /// yields the tag `None`, an empty one a trailing comma. Here: only the real tags.
    @Test(arguments: [nil, "", " , "] as [String?])
    func missingNullOrEmptyTagsOnTheFirstEntry(first: String?) {
        let (groups, _) = VolumeGroup.group([item("v", tags: first, manifest: "a"), item("v", tags: "t", manifest: "b")])
        #expect(groups[0].puppetTags == "file,file_line,concat,augeas,cron,t")
        let (alone, _) = VolumeGroup.group([item("w", tags: first, manifest: "a")])
        #expect(alone[0].puppetTags == "file,file_line,concat,augeas,cron")
    }

    @Test func tagsAreTrimmed() {
        #expect(VolumeGroup.cleanTags(" a, ,b ,") == "a,b")
    }

    @Test func emptyManifestsDoNotAddBlankLines() {
        let (groups, _) = VolumeGroup.group([item("v", tags: nil, manifest: ""), item("v", tags: nil, manifest: "include x")])
        #expect(groups[0].manifest == "include x")
    }
}
