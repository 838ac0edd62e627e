import ImagePrepare
import Testing
import YAML

/// The examples of the TripleO container image preparation guide (seed 004) and the reference's
/// recorded tripleo-common 18.0.0 results for them (§8).
@Suite struct SeedExampleTests {
    func run(
        _ environment: String, roles: String = "[]", labels: (any ImageLabelSource)? = nil, insecure: Set<String> = [],
        map: ImageMap = Fixture.map18
    ) throws -> ImagePreparation.Result {
        // The guide's undercloud address: data for the evaluator only (it never probes or connects; the module does).
        try Fixture.preparation(labels: labels, insecure: insecure, undercloud: "192.168.24.1:8787", map: map)  // data only: never contacted
            .prepareMulti(environment: Fixture.yaml(environment), roles: Fixture.yaml(roles).sequenceItems ?? [])
    }

    @Test func defaultRegistry() throws {
        let params = Fixture.params(try run("{}"))
        #expect(params.count == 148)
        #expect(params["ContainerNovaApiImage"] == "quay.io/tripleomastercentos9/openstack-nova-api:current-tripleo")
        #expect(params["ContainerCephDaemonImage"] == "quay.rdoproject.org/tripleomastercentos9/daemon:current-ceph")
        #expect(params["ContainerAEEImage"] == "quay.io/tripleomastercentos9/tripleo-ansible-ee:current-tripleo")
        #expect(params["DockerInsecureRegistryAddress"] == nil)
        // The packaged default has tag_from_label: rdo_version, inert because its set has a tag.
        #expect(Fixture.params(try run("{parameter_defaults: {ContainerImagePrepare: []}}")) == params)
    }

    // 192.168.24.1:8787 below is the guide's undercloud as data for the evaluator: never contacted.
    @Test func pushDestination() throws {
        let params = Fixture.params(
            try run(
                """
                parameter_defaults:
                  ContainerImagePrepare:
                  - push_destination: 192.168.24.1:8787  # data only: never contacted
                    set: {namespace: docker.io/tripleomaster, name_prefix: centos-binary-}
                """))
        #expect(params.count == 148)
        #expect(params["ContainerNovaApiImage"] == "192.168.24.1:8787/tripleomaster/centos-binary-nova-api:current-tripleo")  // never contacted
        #expect(params["ContainerCephDaemonImage"] == "192.168.24.1:8787/tripleomastercentos9/daemon:current-ceph")  // never contacted
        #expect(params["AlertManagerContainerImage"] == "192.168.24.1:8787/prometheus/alertmanager:v0.23.0")  // never contacted
    }

    /// The guide promises `192.168.24.1:8787/mylocal/centos-binary-nova-api:myhotfix`; 18.0.0 completes
    /// the second entry's `set` from the global defaults (not from entry 1) and the push rewrite drops
    /// the first path segment (`mylocal`), so it produces `192.168.24.1:8787/openstack-nova-api:myhotfix`.
    @Test func layeringFollowsTheCodeNotTheGuide() throws {
        let result = try run(
            """
            parameter_defaults:
              ContainerImagePrepare:
              - tag_from_label: rdo_version
                push_destination: true
                excludes: [nova-api]
                set: {namespace: docker.io/tripleomaster, name_prefix: centos-binary-, name_suffix: '', tag: current-tripleo}
              - push_destination: true
                includes: [nova-api]
                set: {namespace: mylocal, tag: myhotfix}
            """)
        let params = Fixture.params(result)
        for name in ["ContainerNovaApiImage", "ContainerNovaConfigImage", "ContainerNovaMetadataImage", "ContainerNovaMetadataConfigImage"] {
            #expect(params[name] == "192.168.24.1:8787/openstack-nova-api:myhotfix", "\(name)")
        }
        #expect(params["ContainerNovaComputeImage"] == "192.168.24.1:8787/tripleomaster/centos-binary-nova-compute:current-tripleo")
        #expect(result.uploads.filter { $0.entry == 1 }.map(\.sourceImage) == ["mylocal/openstack-nova-api:myhotfix"])
    }

    @Test func cephImagesFalse() throws {
        let params = Fixture.params(
            try run("{parameter_defaults: {ContainerImagePrepare: [{push_destination: '192.168.24.1:8787', set: {ceph_images: false}}]}}"))
        #expect(params.count == 141)
        for name in [
            "ContainerCephDaemonImage", "PrometheusContainerImage", "AlertManagerContainerImage", "NodeExporterContainerImage",
            "GrafanaContainerImage", "HaproxyContainerImage", "KeepalivedContainerImage",
        ] { #expect(params[name] == nil) }
        // A string "false" is truthy in Jinja.
        #expect(Fixture.params(try run("{parameter_defaults: {ContainerImagePrepare: [{set: {ceph_images: 'false'}}]}}")).count == 148)
    }

    @Test func tagFromLabelTemplateWithExcludedCeph() throws {
        let labels = InMemoryLabelSource([
            .init("docker.io/rhosp/openstack-nova-api", tag: "current-tripleo", labels: [("version", "17.1.0"), ("release", "42")]),
            .init("docker.io/rhosp/openstack-nova-api", tag: "17.1.0-42"),
            .init("docker.io/rhosp/openstack-keystone", tag: "current-tripleo", labels: [("version", "17.1.0"), ("release", "7")]),
            .init("docker.io/rhosp/openstack-keystone", tag: "17.1.0-7"),
            .init("docker.io/rhosp/openstack-barbican-keystone-listener", tag: "current-tripleo"),
        ])
        let params = Fixture.params(
            try run(
                """
                parameter_defaults:
                  ContainerImagePrepare:
                  - set: {namespace: docker.io/rhosp}
                    tag_from_label: '{version}-{release}'
                    includes: [nova-api, keystone]
                """, labels: labels))
        #expect(params["ContainerNovaApiImage"] == "docker.io/rhosp/openstack-nova-api:17.1.0-42")
        #expect(params["ContainerKeystoneImage"] == "docker.io/rhosp/openstack-keystone:17.1.0-7")
        #expect(params["ContainerBarbicanKeystoneListenerImage"] == "docker.io/rhosp/openstack-barbican-keystone-listener:current-tripleo")
    }

    @Test func tagFromLabelWithoutRegistryAccessFailsClearly() {
        #expect(
            throws: ImagePrepareError.registryAccessRequired(
                "ContainerImagePrepare[0]: tag_from_label needs registry access, which this run does not have (give the entry a set.tag to skip tag discovery)"
            )
        ) { try run("{parameter_defaults: {ContainerImagePrepare: [{set: {namespace: x}, tag_from_label: rdo_version}]}}") }
    }

    @Test func modifyRoleHotfixIncludesNovaCompute() throws {
        let result = try run(
            """
            parameter_defaults:
              ContainerImagePrepare:
              - push_destination: true
                set: {namespace: docker.io/tripleomaster, name_prefix: centos-binary-}
                includes: [nova-compute]
                modify_role: tripleo-modify-image
                modify_append_tag: "-hotfix"
                modify_vars: {tasks_from: rpm_install.yml, rpms_path: /home/stack/nova-hotfix-pkgs}
            """)
        #expect(
            Fixture.params(result) == [
                "ContainerNovaComputeImage": "192.168.24.1:8787/tripleomaster/centos-binary-nova-compute:current-tripleo-hotfix",
                "ContainerNovaLibvirtConfigImage": "192.168.24.1:8787/tripleomaster/centos-binary-nova-compute:current-tripleo-hotfix",
                "ContainerNovaComputeIronicImage": "192.168.24.1:8787/tripleomaster/centos-binary-nova-compute-ironic:current-tripleo-hotfix",
            ])
        #expect(
            result.uploads.map(\.targetImage) == [
                "192.168.24.1:8787/tripleomaster/centos-binary-nova-compute-ironic:current-tripleo-hotfix",
                "192.168.24.1:8787/tripleomaster/centos-binary-nova-compute:current-tripleo-hotfix",
            ])
    }

    @Test func rolesFilterAndInsecureRegistry() throws {
        let roles = """
            - {name: Controller, CountDefault: 1, ServicesDefault: [OS::TripleO::Services::NovaApi, OS::TripleO::Services::Keystone, OS::TripleO::Services::MySQL]}
            - {name: Compute, CountDefault: 1, ServicesDefault: [OS::TripleO::Services::NovaCompute, OS::TripleO::Services::NovaLibvirt]}
            """
        let env = "{parameter_defaults: {ContainerImagePrepare: [{push_destination: '192.168.24.1:8787'}]}}"
        let plain = Fixture.params(try run(env, roles: roles))
        #expect(plain.count == 14)
        #expect(plain["ContainerAEEImage"] == nil)  // no services: dropped by any filter
        let insecure = try run(env, roles: roles, insecure: ["192.168.24.1:8787"])
        #expect(Fixture.params(insecure).count == 15)
        #expect(insecure.params["DockerInsecureRegistryAddress"] == Fixture.yaml("['192.168.24.1:8787']"))
    }

    @Test func apexRockyOpenDaylight() throws {
        let params = Fixture.params(
            try run(
                """
                parameter_defaults:
                  ContainerImagePrepare:
                  - push_destination: 192.0.2.1:8787
                    set: {ceph_image: daemon, ceph_namespace: docker.io/ceph, ceph_tag: v3.1.0-stable-3.1-luminous-centos-7-x86_64,
                          name_prefix: centos-binary-, name_suffix: '', namespace: docker.io/tripleorocky, neutron_driver: odl, tag: current-tripleo}
                    excludes: [sensu, manila, octavia, skydive, drouter, sahara, rsys, fluent, designate, barbican, etcd, ec2]
                """, map: Fixture.mapRocky))
        #expect(params["DockerNeutronApiImage"] == "192.0.2.1:8787/tripleorocky/centos-binary-neutron-server-opendaylight:current-tripleo")
        #expect(params["DockerOpendaylightApiImage"] == "192.0.2.1:8787/tripleorocky/centos-binary-opendaylight:current-tripleo")
        #expect(params["DockerCephDaemonImage"] == "192.0.2.1:8787/ceph/daemon:v3.1.0-stable-3.1-luminous-centos-7-x86_64")
        #expect(params["DockerManilaApiImage"] == nil)
    }

    /// Deliberate fix: tripleo-common never modifies label-selected images when tag_from_label ran
    /// (it compares pre- and post-discovery names); here nova-api is modified.
    @Test func modifyOnlyWithLabelsAndSource() throws {
        let labels = InMemoryLabelSource([
            .init("docker.io/t/p-nova-api", tag: "current-tripleo", labels: [("rdo_version", "v1"), ("kolla_version", "9")]),
            .init("docker.io/t/p-nova-api", tag: "v1", labels: [("kolla_version", "9")]),
        ])
        let result = try run(
            """
            parameter_defaults:
              ContainerImagePrepare:
              - {set: {namespace: docker.io/t, name_prefix: p}, includes: [nova-api], tag_from_label: rdo_version, push_destination: '10.0.0.1:8787',
                 modify_role: r, modify_append_tag: -mod, modify_only_with_labels: [kolla_version]}
              - {set: {namespace: docker.io/t, name_prefix: p, tag: x}, includes: [glance-api], push_destination: '10.0.0.1:8787',
                 modify_role: r, modify_append_tag: -mod, modify_only_with_source: [kolla]}
            """, labels: labels)
        let params = Fixture.params(result)
        #expect(params["ContainerNovaApiImage"] == "10.0.0.1:8787/t/p-nova-api:v1-mod")
        #expect(params["ContainerGlanceApiImage"] == "10.0.0.1:8787/t/p-glance-api:x")
    }

    @Test func roleSpecificParameters() throws {
        let env = Fixture.yaml(
            """
            parameter_defaults:
              ContainerImagePrepare: [{set: {namespace: docker.io/t}, includes: [nova]}]
              ComputeContainerImagePrepare:
              - {push_destination: '10.0.0.1:8787', set: {namespace: docker.io/t, name_prefix: '', tag: b}, modify_role: r}
            """)
        let roles = Fixture.yaml("[{name: Compute, CountDefault: 1, ServicesDefault: [OS::TripleO::Services::NovaCompute]}]").sequenceItems ?? []
        let result = try Fixture.preparation().prepareWithRoles(environment: env, roles: roles)
        let compute = result.params["ComputeParameters"]
        #expect(compute?["ContainerNovaComputeImage"] == "10.0.0.1:8787/t/nova-compute:b-modified-20240101120000")
        #expect(compute?["ContainerNovaLibvirtConfigImage"] == "10.0.0.1:8787/t/nova-compute:b-modified-20240101120000")
        #expect(result.params["ContainerNovaComputeImage"] == "docker.io/t/openstack-nova-compute:current-tripleo")
    }
}
