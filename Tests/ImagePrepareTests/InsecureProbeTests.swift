import ImagePrepare
import Testing
import YAML

/// Which hosts the evaluator asks a probing ``RegistrySecurity`` about: each entry's push
/// destination (the undercloud registry for `push_destination: true`), never a source.
@Suite struct InsecureProbeTests {
    /// Answers from a table; records the hosts asked as push destinations.
    final class Recorder: RegistrySecurity, @unchecked Sendable {
        let plainHTTP: Set<String>
        var asked: [String] = []
        init(plainHTTP: Set<String>) { self.plainHTTP = plainHTTP }
        func isInsecure(_ host: String) -> Bool { asked.contains(host) && plainHTTP.contains(host) }
        func isInsecurePushDestination(_ host: String) -> Bool {
            asked.append(host)
            return plainHTTP.contains(host)
        }
    }

    static func prepare(_ yaml: String, _ security: Recorder) throws -> ImagePreparation.Result {
        let prep = ImagePreparation(
            map: Fixture.map18, security: security, undercloudRegistry: { "192.0.2.5:8787" }, defaultAppendTag: "-m")
        return try prep.prepareMulti(environment: Fixture.yaml(yaml), roles: [])
    }

    @Test func aPlainHTTPPushDestinationIsListed() throws {
        let security = Recorder(plainHTTP: ["192.0.2.1:8787", "192.0.2.0:8787"])
        let result = try Self.prepare("""
            parameter_defaults:
              ContainerImagePrepare:
              - {set: {namespace: '192.0.2.0:8787/t'}, includes: [nova-api], push_destination: '192.0.2.1:8787'}
            """, security)
        #expect(result.params["DockerInsecureRegistryAddress"] == Fixture.yaml("['192.0.2.1:8787']"))
        #expect(security.asked == ["192.0.2.1:8787"])  // the source is not probed
    }

    @Test func theUndercloudRegistryIsProbedForPushDestinationTrue() throws {
        let security = Recorder(plainHTTP: ["192.0.2.5:8787"])
        let result = try Self.prepare("""
            parameter_defaults:
              ContainerImagePrepare:
              - {set: {namespace: quay.io/t}, includes: [keystone], push_destination: true}
              - {set: {namespace: quay.io/t}, includes: [glance-api], push_destination: true}
            """, security)
        #expect(result.params["DockerInsecureRegistryAddress"] == Fixture.yaml("['192.0.2.5:8787']"))
        #expect(result.params["ContainerKeystoneImage"]?.stringValue?.hasPrefix("192.0.2.5:8787/") == true)
    }

    @Test func aTLSDestinationIsNotListedAndAnEntryWithoutDestinationAsksNothing() throws {
        let security = Recorder(plainHTTP: [])
        let result = try Self.prepare("""
            parameter_defaults:
              ContainerImagePrepare:
              - {set: {namespace: quay.io/t}, includes: [keystone], push_destination: 'registry.example:443'}
              - {set: {namespace: '192.0.2.0:8787/t'}, includes: [nova-api]}
            """, security)
        #expect(result.params["DockerInsecureRegistryAddress"] == nil)
        #expect(security.asked == ["registry.example:443"])
    }
}
