import ImagePrepare
import Testing
import YAML

/// The hosts a prober asks about before evaluating (``ImagePreparation/pushDestinations(environment:roles:)``),
/// and the evaluation listing what it found: each entry's push destination (`true`: `LocalContainerRegistry:8787`
/// or the undercloud registry), role lists too, never a source.
@Suite struct InsecureProbeTests {
    static func preparation(_ insecure: Set<String> = [], asked: UndercloudCounter = UndercloudCounter()) -> ImagePreparation {
        ImagePreparation(
            map: Fixture.map18, security: KnownRegistries(insecure: insecure),
            undercloudRegistry: {
                asked.count += 1
                return "192.0.2.5:8787"
            }, defaultAppendTag: "-m")
    }

    final class UndercloudCounter: @unchecked Sendable { var count = 0 }

    @Test func pushDestinationsInEntryOrderOnceEach() throws {
        let asked = UndercloudCounter()
        let env = Fixture.yaml(
            """
            parameter_defaults:
              ContainerImagePrepare:
              - {set: {namespace: '192.0.2.0:8787/t'}, includes: [nova-api], push_destination: '192.0.2.1:8787/ns'}
              - {set: {namespace: quay.io/t}, includes: [keystone], push_destination: true}
              - {set: {namespace: quay.io/t}, includes: [glance-api], push_destination: true}
              - {set: {namespace: quay.io/t}, includes: [cinder-api]}
              - {set: {namespace: quay.io/t}, includes: [heat-api], push_destination: '192.0.2.1:8787'}
              ComputeContainerImagePrepare:
              - {set: {namespace: quay.io/t}, push_destination: '192.0.2.9:8787'}
            """)
        let roles = [Fixture.yaml("{name: Compute, ServicesDefault: []}")]
        #expect(
            try Self.preparation(asked: asked).pushDestinations(environment: env, roles: roles)
                == ["192.0.2.1:8787", "192.0.2.5:8787", "192.0.2.9:8787"])
        #expect(asked.count == 2)  // the evaluation asks the same closure; the module's caches its answer
    }

    @Test func localContainerRegistryAndTheDefaultEntries() throws {
        let local = Fixture.yaml(
            """
            parameter_defaults:
              LocalContainerRegistry: 192.0.2.7
              ContainerImagePrepare: [{set: {namespace: quay.io/t}, push_destination: true}]
            """)
        #expect(try Self.preparation().pushDestinations(environment: local, roles: []) == ["192.0.2.7:8787"])
        // No ContainerImagePrepare: the map's default entries, which push nowhere.
        #expect(try Self.preparation().pushDestinations(environment: Fixture.yaml("parameter_defaults: {}"), roles: []) == [])
    }

    @Test func whatTheProbeFoundIsListedForTheEntriesPushingThere() throws {
        let env = Fixture.yaml(
            """
            parameter_defaults:
              ContainerImagePrepare:
              - {set: {namespace: '192.0.2.0:8787/t'}, includes: [nova-api], push_destination: '192.0.2.1:8787'}
              - {set: {namespace: quay.io/t}, includes: [keystone], push_destination: true}
            """)
        let result = try Self.preparation(["192.0.2.1:8787", "192.0.2.5:8787"]).prepareMulti(environment: env, roles: [])
        #expect(result.params["DockerInsecureRegistryAddress"] == Fixture.yaml("['192.0.2.5:8787']"))  // the last entry's
        #expect(result.params["ContainerNovaApiImage"]?.stringValue?.hasPrefix("192.0.2.1:8787/") == true)
    }

    @Test func anEntryEvaluationRejectsIsRejectedHereToo() {
        let env = Fixture.yaml("parameter_defaults: {ContainerImagePrepare: [{push_destination: [1]}]}")
        #expect(throws: ImagePrepareError.self) { try Self.preparation().pushDestinations(environment: env, roles: []) }
    }
}
