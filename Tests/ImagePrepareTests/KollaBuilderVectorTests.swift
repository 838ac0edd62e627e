import ImagePrepare
import Testing
import YAML

/// tripleo-common 18.0.0 `test_kolla_builder.py`, restated in the reference §1.10 A (A1, A2 and A7:
/// the kolla-build command line, ``KollaBuild``).
@Suite struct KollaBuilderVectorTests {
    @Test func a1NoNameGivesNoRegex() {
        #expect(KollaBuild.regex(for: "") == nil)
        #expect(KollaBuild.regex(for: nil) == nil)
    }

    @Test(arguments: [
        "foo", "foo:current-tripleo", "tripleo/foo:current-tripleo", "tripleo/foo", "tripleo/centos-binary-foo:current-tripleo",
        "centos-binary-foo:current-tripleo", "centos-binary-foo",
    ])
    func a2NamespaceTagBaseAndInstallTypeAreStripped(imagename: String) {
        #expect(KollaBuild.regex(for: imagename) == "foo")
    }

    /// The same rules at their edges: the last `/` and the first `:` count, each prefix goes once and in order.
    @Test(arguments: [
        ("192.0.2.1:8787/t/rhel-rhos-foo:17.1", "foo"), ("centos-centos-foo", "centos-foo"), ("binary-centos-foo", "centos-foo"),
        ("rhel-source-rdo-foo", "rdo-foo"), ("t/centos-foo", "foo"), ("centos-binary-", ""), ("centosbinary-foo", "centosbinary-foo"),
    ])
    func regexEdges(imagename: String, expected: String) {
        #expect(KollaBuild.regex(for: imagename) == expected)
    }

    /// test_kolla_builder.py's `filedata`: four kolla images (one without a tag) and one of another source.
    static let a7Images: [KollaBuild.Image] = [
        .init(imagename: "docker.io/tripleotrain/heat-docker-agents-centos:latest", imageSource: "kolla"),
        .init(imagename: "docker.io/tripleotrain/centos-binary-nova-compute:liberty", imageSource: "kolla"),
        .init(imagename: "docker.io/tripleotrain/centos-binary-nova-libvirt:liberty", imageSource: "kolla"),
        .init(imagename: "docker.io/tripleotrain/image-with-missing-tag", imageSource: "kolla"),
        .init(imagename: "docker.io/tripleotrain/skip-build", imageSource: "foo"),
    ]
    static let a7Regexes = ["^nova-compute$", "^nova-libvirt$", "^heat-docker-agents-centos$", "^image-with-missing-tag$"]

    @Test func a7KollaImagesSortedByImagenameOthersSkipped() {
        #expect(
            KollaBuild(configFiles: ["kolla-config.conf"]).commands(for: Self.a7Images)
                == [["kolla-build", "--config-file", "kolla-config.conf"] + Self.a7Regexes])
    }

    @Test func a7ExcludesCompareTheBareName() {
        #expect(
            KollaBuild(configFiles: ["kolla-config.conf"], excludes: ["nova-compute"]).commands(for: Self.a7Images)
                == [
                    [
                        "kolla-build", "--config-file", "kolla-config.conf", "^nova-libvirt$", "^heat-docker-agents-centos$",
                        "^image-with-missing-tag$",
                    ]
                ])
        // Not a regex, not the full name.
        #expect(KollaBuild(excludes: ["nova-.*", "centos-binary-nova-compute"]).commands(for: Self.a7Images) == [["kolla-build"] + Self.a7Regexes])
    }

    @Test func a7TemplateOnlyAddsAWorkDirAndADependencyListing() {
        let base = ["kolla-build", "--config-file", "kolla-config.conf"] + Self.a7Regexes
        #expect(
            KollaBuild(configFiles: ["kolla-config.conf"], mode: .templateOnly(workDir: "/tmp/kolla")).commands(for: Self.a7Images) == [
                base + ["--template-only", "--work-dir", "/tmp/kolla"], base + ["--list-dependencies"],
            ])
    }

    @Test func a7NoConfigFilesNoImagesIsKollaBuildAlone() {
        #expect(KollaBuild().commands(for: []) == [["kolla-build"]])
        #expect(
            KollaBuild(configFiles: ["a.conf", "b.conf"]).commands(for: [])
                == [["kolla-build", "--config-file", "a.conf", "--config-file", "b.conf"]])
    }

    @Test func imagesWithoutSourceOrNameAreSkipped() {
        let images: [KollaBuild.Image] = [
            .init(imagename: "t/centos-binary-keystone:l", imageSource: nil), .init(imagename: nil, imageSource: "kolla"),
            .init(imagename: "t/centos-binary-", imageSource: "kolla"), .init(imagename: "t/centos-binary-glance-api:l", imageSource: "kolla"),
        ]
        #expect(KollaBuild().commands(for: images) == [["kolla-build", "^glance-api$"]])
    }

    func prepare(_ entry: String, roles: String = "[]", pd: String = "{}", insecure: Set<String> = []) throws -> ImagePreparation.Result {
        let env = Fixture.yaml("parameter_defaults: \(pd)")
        var environment = env
        if case .mapping(var pairs) = env, let at = pairs.firstIndex(where: { $0.key == "parameter_defaults" }) {
            var pd = pairs[at].value.mappingPairs ?? []
            pd.append(YAMLPair("ContainerImagePrepare", .sequence([Fixture.yaml(entry)])))
            pairs[at].value = .mapping(pd)
            environment = .mapping(pairs)
        }
        return try Fixture.preparation(insecure: insecure).prepareMulti(environment: environment, roles: Fixture.yaml(roles).sequenceItems ?? [])
    }

    /// A service filter of exactly `services` (one role holding them).
    func roles(_ services: [String]) -> String {
        "[{name: R, CountDefault: 1, ServicesDefault: [\(services.map { "OS::TripleO::Services::\($0)" }.joined(separator: ", "))]}]"
    }

    @Test func a3TemplateInputsAreTheDefaults() throws {
        let mapping = try TemplateMapping(set: [], defaults: Fixture.map18.defaultSet)
        for (key, value) in Fixture.map18.defaultSet { #expect(mapping[key] == value, "\(key)") }
        #expect(mapping["namespace"] == "quay.io/tripleomastercentos9")
        #expect(mapping["ceph_haproxy_tag"] == .float(2.3))
    }

    @Test func a4PrefixAndSuffixAreHyphenatedOthersDefaulted() throws {
        let set: [(key: String, value: YAMLValue)] = [
            ("namespace", "192.0.2.0:5000/tripleomastercentos9"), ("ceph_namespace", "quay.ceph.io/ceph-ci"),
            ("ceph_image", "ceph-daemon"), ("ceph_tag", "latest"), ("name_prefix", "prefix"), ("name_suffix", "suffix"),
            ("tag", "master"), ("rhel_containers", false), ("neutron_driver", "ovn"),
        ]
        let mapping = try TemplateMapping(set: set, defaults: Fixture.map18.defaultSet)
        #expect(mapping["name_prefix"] == "prefix-")
        #expect(mapping["name_suffix"] == "-suffix")
        #expect(mapping["ceph_tag"] == "latest")
        #expect(mapping["ceph_grafana_tag"] == "6.7.4")
        #expect(mapping["tag"] == "master")
    }

    @Test func a5UnknownVariablesPassThroughTheMappingOthersRenderEmpty() throws {
        let set: [(key: String, value: YAMLValue)] = [("push_destination", "localhost:8787"), ("tag", "liberty")]
        let mapping = try TemplateMapping(set: set, defaults: Fixture.map18.defaultSet)
        #expect(try mapping.render("{{push_destination}}/x:{{tag}}{{undefined}}") == "localhost:8787/x:liberty")
        #expect(try mapping.render("{{ namespace }}/a") == "quay.io/tripleomastercentos9/a")
    }

    @Test func a6ItemsWithoutATagKeepNoTag() throws {
        let map = try ImageMap(
            yaml: """
                images:
                - {imagename: '{{namespace}}/{{name_prefix}}nova-compute{{name_suffix}}:{{tag}}', image_source: kolla, params: [A]}
                - {imagename: '{{namespace}}/{{name_prefix}}image-with-missing-tag{{name_suffix}}', image_source: kolla, params: [B]}
                - {imagename: '{{namespace}}/heat-docker-agents-centos:latest', image_source: kolla, params: [C]}
                """, name: "a6")
        let result = try ImagePreparation(map: map).prepareMulti(
            environment: Fixture.yaml(
                "parameter_defaults: {ContainerImagePrepare: [{set: {tag: liberty, name_prefix: centos-binary-, namespace: docker.io/t}, excludes: [heat-docker-agents], push_destination: 'localhost:8787'}]}"
            ),
            roles: [])
        #expect(
            Fixture.params(result) == [
                "A": "localhost:8787/t/centos-binary-nova-compute:liberty", "B": "localhost:8787/t/centos-binary-image-with-missing-tag",
            ])
        #expect(
            result.uploads.map(\.sourceImage) == [
                "docker.io/t/centos-binary-nova-compute:liberty", "docker.io/t/centos-binary-image-with-missing-tag:latest",
            ])
    }

    @Test func a8NoEntriesSelectedGiveNoParams() throws {
        #expect(try prepare("{set: \(Fixture.ma()), includes: [no-such-image]}").params.count == 0)
    }

    @Test func a9ServiceFilterAndExcludes() throws {
        let result = try prepare("{set: \(Fixture.ma()), excludes: [libvirt]}", roles: roles(["NovaLibvirt"]))
        #expect(
            Fixture.params(result) == [
                "ContainerNovaComputeImage": "192.0.2.0:8787/t/p-nova-compute:l",
                "ContainerNovaLibvirtConfigImage": "192.0.2.0:8787/t/p-nova-compute:l",
            ])
    }

    @Test(arguments: ["{set: \(Fixture.ma()), includes: [libvirt]}", "{set: \(Fixture.ma()), includes: [libvirt], excludes: [libvirt]}"])
    func a10a11IncludesTrumpExcludes(entry: String) throws {
        #expect(Fixture.params(try prepare(entry)) == ["ContainerNovaLibvirtImage": "192.0.2.0:8787/t/p-nova-libvirt:l"])
    }

    @Test(arguments: ["'192.0.2.0:8787'", "true"])
    func a12a13PushDestination(push: String) throws {
        let result = try prepare("{set: \(Fixture.ma(namespace: "docker.io/t")), push_destination: \(push)}", roles: roles(["NovaApi"]))
        let value = "192.0.2.0:8787/t/p-nova-api:l"
        #expect(
            Fixture.params(result) == [
                "ContainerNovaApiImage": value, "ContainerNovaConfigImage": value, "ContainerNovaMetadataConfigImage": value,
                "ContainerNovaMetadataImage": value,
            ])
        #expect(result.uploads.map(\.imagename) == ["docker.io/t/p-nova-api:l"])
        #expect(result.uploads.map(\.pushDestination) == ["192.0.2.0:8787"])
    }

    @Test func a14CephImage() throws {
        let result = try prepare("{set: {ceph_namespace: '192.0.2.0:8787/t', ceph_image: ceph, ceph_tag: l}}", roles: roles(["CephMon"]))
        #expect(Fixture.params(result) == ["ContainerCephDaemonImage": "192.0.2.0:8787/t/ceph:l"])
    }

    @Test func a15NeutronServerWithoutOVN() throws {
        // neutron_driver None in the set → 18.0.0 forces 'ovn' (no NeutronMechanismDrivers); A15 calls
        // container_images_prepare directly with None. Both select only neutron-server here.
        let result = try prepare("{set: \(Fixture.ma(namespace: "t", extra: ", neutron_driver: other"))}", roles: roles(["NeutronServer"]))
        #expect(
            Fixture.params(result) == ["ContainerNeutronApiImage": "t/p-neutron-server:l", "ContainerNeutronConfigImage": "t/p-neutron-server:l"])
    }

    @Test func a16NeutronServerAndOVNController() throws {
        let result = try prepare(
            "{set: \(Fixture.ma(namespace: "t", extra: ", neutron_driver: ovn"))}", roles: roles(["NeutronServer", "OVNController"]))
        #expect(
            Fixture.params(result) == [
                "ContainerNeutronApiImage": "t/p-neutron-server:l", "ContainerNeutronConfigImage": "t/p-neutron-server:l",
                "ContainerOvnControllerConfigImage": "t/p-ovn-controller:l", "ContainerOvnControllerImage": "t/p-ovn-controller:l",
            ])
    }

    @Test func a17DefaultTagIsKeyPresence() throws {
        // No `tag` key: the rendered default tag is not listed, so the last tag is inspected (default_tag=True).
        let labels = InMemoryLabelSource([
            .init("quay.io/t/p-keystone", tag: "one", labels: [("rdo_version", "one")]),
            .init("quay.io/t/p-keystone", tag: "two", labels: [("rdo_version", "one")]),
        ])
        let entry = "{set: {namespace: quay.io/t, name_prefix: p}, includes: ['p-keystone:'], tag_from_label: rdo_version}"
        let env = Fixture.yaml("parameter_defaults: {ContainerImagePrepare: [\(entry)]}")
        let result = try Fixture.preparation(labels: labels).prepareMulti(environment: env, roles: [])
        #expect(Fixture.params(result)["ContainerKeystoneImage"] == "quay.io/t/p-keystone:one")
        // With `tag: ''` (present, falsy) discovery runs with default_tag=False: the empty tag is not there.
        let withTag = Fixture.yaml(
            "parameter_defaults: {ContainerImagePrepare: [{set: {namespace: quay.io/t, name_prefix: p, tag: ''}, includes: ['p-keystone:'], tag_from_label: rdo_version}]}"
        )
        #expect(throws: ImagePrepareError.self) { try Fixture.preparation(labels: labels).prepareMulti(environment: withTag, roles: []) }
    }

    @Test func a18NoRolesNoServices() throws {
        #expect(try ServiceFilter.enabledServices(environment: Fixture.yaml("{}"), roles: []).isEmpty)
        #expect(try ServiceFilter.build(environment: Fixture.yaml("{}"), roles: []) == nil)
    }

    static let rolesA19 = """
        - {name: Controller, CountDefault: 1, ServicesDefault: [OS::TripleO::Services::NeutronApi, OS::TripleO::Services::NovaApi]}
        - {name: Compute, CountDefault: 1, ServicesDefault: [OS::TripleO::Services::NovaCompute]}
        - {name: BlockStorage, ServicesDefault: [OS::TripleO::Services::Timesync]}
        """

    @Test(arguments: [
        ("{}", rolesA19), ("{parameter_defaults: {ControllerCount: 1, ComputeCount: 1, BlockStorageCount: 0}}", rolesA19.replacingFirstCount()),
    ])
    func a19a20EnabledServices(environment: String, roles: String) throws {
        let enabled = try ServiceFilter.enabledServices(environment: Fixture.yaml(environment), roles: Fixture.yaml(roles).sequenceItems ?? [])
        #expect(enabled.map(\.key) == ["ControllerServices", "ComputeServices", "BlockStorageServices"])
        #expect(
            enabled.map(\.value) == [
                ["OS::TripleO::Services::NeutronApi", "OS::TripleO::Services::NovaApi"], ["OS::TripleO::Services::NovaCompute"], [],
            ])
    }

    @Test func a21ServiceFilterDropsHeatNone() throws {
        let env = Fixture.yaml(
            """
            resource_registry:
              OS::TripleO::Services::NovaApi: x.yaml
              OS::TripleO::Services::NovaCompute: y.yaml
              OS::TripleO::Services::Kubernetes::Worker: z.yaml
              OS::TripleO::Services::Noop: OS::Heat::None
            """)
        let roles =
            Fixture.yaml(
                """
                - {name: Controller, CountDefault: 1, ServicesDefault: [OS::TripleO::Services::HeatApi, OS::TripleO::Services::NeutronApi, OS::TripleO::Services::NovaApi, OS::TripleO::Services::Noop]}
                - {name: Compute, CountDefault: 1, ServicesDefault: [OS::TripleO::Services::NovaCompute, OS::TripleO::Services::Kubernetes::Worker]}
                - {name: BlockStorage, ServicesDefault: [OS::TripleO::Services::Timesync]}
                """
            ).sequenceItems ?? []
        #expect(
            try ServiceFilter.build(environment: env, roles: roles) == [
                "OS::TripleO::Services::HeatApi", "OS::TripleO::Services::NovaApi", "OS::TripleO::Services::NovaCompute",
                "OS::TripleO::Services::NeutronApi", "OS::TripleO::Services::Kubernetes::Worker",
            ])
    }

    @Test func countThatIsNotAnIntIsAnError() throws {
        let roles = Fixture.yaml("[{name: Compute}]").sequenceItems ?? []
        #expect(throws: ImagePrepareError.invalidInput("Unable to convert ComputeCount to an int: many")) {
            try ServiceFilter.build(environment: Fixture.yaml("{parameter_defaults: {ComputeCount: many}}"), roles: roles)
        }
        #expect(
            try ServiceFilter.enabledServices(environment: Fixture.yaml("{parameter_defaults: {ComputeCount: ' 2 '}}"), roles: roles)
                .first?.value == [])
    }
}

extension String {
    /// rolesA19 with Controller's CountDefault 0 (A20 sets the counts in the environment instead).
    func replacingFirstCount() -> String {
        guard let range = firstRange(of: "CountDefault: 1") else { return self }
        return String(self[..<range.lowerBound]) + "CountDefault: 0" + String(self[range.upperBound...])
    }
}
