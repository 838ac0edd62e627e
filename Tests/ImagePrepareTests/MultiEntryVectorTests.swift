import ImagePrepare
import Testing
import YAML

/// A22–A27: `container_images_prepare_multi`, `set_neutron_driver`, `detect_insecure_registries`, the
/// template's ovn conditional. Upstream mocks `container_images_prepare`; here the real map runs and
/// the same observable facts are asserted.
@Suite struct MultiEntryVectorTests {
    static let a22 = """
        parameter_defaults:
          LocalContainerRegistry: 192.0.2.1
          DockerRegistryMirror: http://192.0.2.2/reg/
          ContainerImageRegistryCredentials: {docker.io: {my_username: my_password}}
          ContainerImagePrepare:
          - set: {namespace: t, name_prefix: p, tag: l}
            tag_from_label: foo
            includes: [nova, neutron]
          - set: {namespace: t, name_prefix: p, tag: l}
            tag_from_label: bar
            excludes: [nova, neutron]
            push_destination: true
            modify_role: add-foo-plugin
            modify_only_with_source: [kolla, tripleo]
            modify_vars: {foo_version: 1.0.1}
          - set: {namespace: t, name_prefix: p, tag: l}
            tag_from_label: bar
            includes: [nova, neutron]
            push_destination: true
            modify_role: add-foo-plugin
            modify_only_with_source: [kolla, tripleo]
            modify_vars: {foo_version: 1.0.1}
        """

    @Test func a22PushTrueUsesLocalContainerRegistryAndLaterEntriesWin() throws {
        let result = try Fixture.preparation().prepareMulti(environment: Fixture.yaml(Self.a22), roles: [])
        let params = Fixture.params(result)
        // entry 1 (no push) is overridden by entry 3 for nova/neutron images; entry 2 keeps the rest.
        #expect(params["ContainerNovaApiImage"] == "192.0.2.1:8787/p-nova-api:l-modified-20240101120000")
        #expect(params["ContainerKeystoneImage"] == "192.0.2.1:8787/p-keystone:l-modified-20240101120000")
        // tag set → tag_from_label ignored, no registry needed; entries 2 and 3 upload, entry 1 does not.
        #expect(Set(result.uploads.map(\.entry)) == [1, 2])
        #expect(result.uploads.allSatisfy { $0.pushDestination == "192.0.2.1:8787" })
        #expect(result.uploads.allSatisfy { ($0.modification?.role == "add-foo-plugin") == ($0.imageSource == "tripleo") })
        #expect(result.uploads.first?.modification?.vars == Fixture.yaml("{foo_version: 1.0.1}"))
        #expect(!result.uploads.contains { $0.multiArch })
    }

    @Test func a23DryRunDataAndExplicitAppendTag() throws {
        let env = Fixture.yaml(
            """
            parameter_defaults:
              ContainerImagePrepare:
              - {set: {namespace: t, name_prefix: p, tag: l}, includes: [nova-api]}
              - {set: {namespace: t, name_prefix: p, tag: l}, includes: [keystone], push_destination: '192.0.2.1:8787', modify_role: r, modify_append_tag: modify-123}
            """)
        let params = Fixture.params(try Fixture.preparation().prepareMulti(environment: env, roles: []))
        #expect(params["ContainerNovaApiImage"] == "t/p-nova-api:l")
        #expect(params["ContainerKeystoneImage"] == "192.0.2.1:8787/p-keystone:lmodify-123")  // verbatim, no separator
    }

    @Test func a24TagFromLabelOnlyWithoutSetTag() throws {
        let env = Fixture.yaml(
            """
            parameter_defaults:
              ContainerImagePrepare:
              - {set: {namespace: quay.io/t, name_prefix: p}, includes: ['p-keystone:'], tag_from_label: foo}
              - {set: {namespace: quay.io/t, name_prefix: p, tag: l}, includes: [nova-api], tag_from_label: bar}
            """)
        // Entry 2 needs no registry (tag given); entry 1 does.
        #expect(throws: ImagePrepareError.self) { try Fixture.preparation().prepareMulti(environment: env, roles: []) }
        let labels = InMemoryLabelSource([.init("quay.io/t/p-keystone", tag: "current-tripleo", labels: [("foo", "current-tripleo")])])
        let params = Fixture.params(try Fixture.preparation(labels: labels).prepareMulti(environment: env, roles: []))
        #expect(params["ContainerKeystoneImage"] == "quay.io/t/p-keystone:current-tripleo")
        #expect(params["ContainerNovaApiImage"] == "quay.io/t/p-nova-api:l")
    }

    @Test(arguments: [
        ("{}", "ovn"), ("{NeutronMechanismDrivers: [sriovnicswitch, openvswitch]}", "other"),
        ("{NeutronMechanismDrivers: [ovn]}", "ovn"), ("{NeutronMechanismDrivers: 'openvswitch,ovn'}", "ovn"),
    ])
    func a25NeutronDriver(pd: String, driver: String) throws {
        #expect(try ImagePreparation.neutronDriver(Fixture.yaml(pd)) == driver)
        // An entry without neutron_driver (the packaged default sets 'ovn' itself).
        let env = Fixture.yaml("{parameter_defaults: \(pd)}".replacingFirstBrace("ContainerImagePrepare: [{set: {tag: l}}], "))
        let result = try Fixture.preparation().prepareMulti(environment: env, roles: [])
        #expect((Fixture.params(result)["ContainerOvnControllerImage"] != nil) == (driver == "ovn"))
        #expect(Fixture.params(result).count == (driver == "ovn" ? 148 : 140))
    }

    @Test func a26InsecureRegistriesSortedUniqueSecureNeverListed() throws {
        let env = Fixture.yaml(
            """
            parameter_defaults:
              ContainerImagePrepare:
              - {set: {namespace: docker.io/t}, includes: [nova-api], push_destination: '192.0.2.1:8787'}
              - {set: {namespace: '192.0.2.0:8787/t'}, includes: [keystone]}
            """)
        let prep = Fixture.preparation(insecure: ["192.0.2.0:8787", "192.0.2.1:8787", "docker.io"])
        let result = try prep.prepareMulti(environment: env, roles: [])
        // Per entry, last writer wins: entry 2's list replaces entry 1's.
        #expect(result.params["DockerInsecureRegistryAddress"] == Fixture.yaml("['192.0.2.0:8787']"))
        let one = Fixture.yaml(
            "{parameter_defaults: {ContainerImagePrepare: [{set: {namespace: '192.0.2.1:8787/t'}, includes: [nova, keystone]}, {set: {namespace: docker.io/t}, includes: [glance]}]}}"
        )
        #expect(try prep.prepareMulti(environment: one, roles: []).params["DockerInsecureRegistryAddress"] == Fixture.yaml("['192.0.2.1:8787']"))
        #expect(KnownRegistries(insecure: ["docker.io", "tripleo"]).isInsecure("docker.io") == false)
        #expect(KnownRegistries(insecure: ["docker.io", "tripleo"]).isInsecure("tripleo"))
    }

    @Test func a27OvnOnlyImagesAreTheFiveOfTheTemplate() throws {
        let ovn = Fixture.params(
            try Fixture.preparation().prepareMulti(environment: Fixture.yaml("{parameter_defaults: {ContainerImagePrepare: [{}]}}"), roles: []))
        let other = Fixture.params(
            try Fixture.preparation().prepareMulti(
                environment: Fixture.yaml("{parameter_defaults: {NeutronMechanismDrivers: [openvswitch], ContainerImagePrepare: [{}]}}"), roles: []))
        let onlyOVN = Set(ovn.values).subtracting(other.values).map { $0.split(separator: "/").last.map(String.init) ?? $0 }.sorted()
        #expect(
            onlyOVN == [
                "openstack-neutron-metadata-agent-ovn:current-tripleo", "openstack-ovn-controller:current-tripleo",
                "openstack-ovn-nb-db-server:current-tripleo", "openstack-ovn-northd:current-tripleo", "openstack-ovn-sb-db-server:current-tripleo",
            ])
    }

    @Test func multiArchKeyOnlyDisables() throws {
        let env = Fixture.yaml(
            """
            parameter_defaults:
              AdditionalArchitectures: [ppc64le]
              ContainerImagePrepare:
              - {set: {tag: l}, includes: [nova-api], push_destination: 'h:1'}
              - {set: {tag: l}, includes: [keystone], push_destination: 'h:1', multi_arch: true}
              - {set: {tag: l}, includes: [glance], push_destination: 'h:1'}
            """)
        let result = try Fixture.preparation().prepareMulti(environment: env, roles: [])
        #expect(result.uploads.filter { $0.entry == 0 }.allSatisfy { $0.multiArch })
        #expect(!result.uploads.filter { $0.entry > 0 }.contains { $0.multiArch })
    }
}

extension String {
    /// `"{parameter_defaults: {…}}"` with `text` inserted after the inner `{`.
    func replacingFirstBrace(_ text: String) -> String {
        guard let range = firstRange(of: ": {") else { return self }
        return String(self[..<range.upperBound]) + text + String(self[range.upperBound...])
    }
}
