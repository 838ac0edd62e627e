import JSON
import Testing

@testable import PuppetConfig

/// The one-shot config container: environment, mounts (optional host mounts only when present),
/// network, and the Engine create body.
@Suite struct ContainerDefinitionTests {
    let group = VolumeGroup(
        volume: "keystone", image: "img:1", serviceTags: "keystone_config", manifest: "include ::keystone",
        volumes: ["/extra:/extra:ro"], privileged: true)

    func settings(step: Int = 3, netHost: Bool = true, check: Bool = false) -> RunSettings {
        RunSettings(
            step: step, livePrefix: "/d", runPrefix: check ? "/d/check-mode" : "/d", netHost: netHost, debug: false,
            noArchive: false, hostname: "node1", checkMode: check, namePrefix: "oc-pc-", scriptHostPath: "/s/container-puppet.sh")
    }

    @Test func environment() {
        let container = ConfigContainer(group, settings: settings(), exists: { _ in false })
        #expect(container.name == "oc-pc-keystone")
        #expect(
            container.environment == [
                "DEBUG=false", "HOSTNAME=node1", "NAME=keystone", "NET_HOST=true", "NO_ARCHIVE=",
                "PUPPET_TAGS=file,file_line,concat,augeas,cron,keystone_config", "STEP=3", "STEP_CONFIG=include ::keystone",
            ])
    }

    @Test(arguments: [(1, "STEP=6"), (6, "STEP=6"), (4, "STEP=4")])
    func stepOneRunsAsSix(step: Int, expected: String) {
        #expect(ConfigContainer(group, settings: settings(step: step), exists: { _ in false }).environment.contains(expected))
    }

    @Test func mountsOnlyExistingHostSources() {
        let present: Set = ["/etc/localtime", "/etc/puppet", "/etc/hosts"]
        let container = ConfigContainer(group, settings: settings(), exists: { present.contains($0) })
        #expect(
            container.binds == [
                "/d:/var/lib/config-data:rw", "/etc/hosts:/etc/hosts:ro", "/etc/localtime:/etc/localtime:ro",
                "/etc/puppet:/tmp/puppet-etc:ro", "/extra:/extra:ro", "/s/container-puppet.sh:/var/lib/container-puppet/container-puppet.sh:ro",
            ])
        let isolated = ConfigContainer(group, settings: settings(netHost: false), exists: { present.contains($0) })
        #expect(!isolated.binds.contains("/etc/hosts:/etc/hosts:ro"))
    }

    @Test func checkModeWritesElsewhereAndSeesTheLiveTree() {
        let container = ConfigContainer(group, settings: settings(check: true), exists: { $0 == "/d/puppet-generated/keystone" })
        #expect(container.binds.contains("/d/check-mode:/var/lib/config-data:rw"))
        #expect(container.binds.contains("/d/puppet-generated/keystone:/var/lib/config-data-live:ro"))
        #expect(!container.binds.contains("/d:/var/lib/config-data:rw"))
        #expect(container.environment.contains("CHECK_DIFF=true"))
    }

    @Test func createBody() throws {
        let body = ConfigContainer(group, settings: settings(netHost: false), exists: { _ in false }).createBody
        let object = try #require(body.objectValue)
        #expect(object["Image"] == "img:1")
        #expect(object["User"] == "0")
        #expect(object["Entrypoint"] == ["/bin/bash", "/var/lib/container-puppet/container-puppet.sh"])
        #expect(object["Labels"] == ["managed_by": "overcloud.containers.puppet_config", "config_volume": "keystone"])
        let host = try #require(object["HostConfig"]?.objectValue)
        #expect(host["NetworkMode"] == "none")
        #expect(host["Privileged"] == true)
        #expect(host["SecurityOpt"] == ["label=disable"])
    }
}
