import ImagePrepare
import Testing
import YAML

/// The built-in maps against the reference's Appendix A, and the user-map format.
@Suite struct ImageMapTests {
    @Test func map18HasAppendixA() throws {
        let map = Fixture.map18
        let names = Set(map.images.map(\.imagename))
        #expect(names.count == 95)  // 95 images; neutron-server twice (services differ with ovn)
        let params = map.images.flatMap(\.params)
        #expect(Set(params).count == 148)
        for (image, expected) in Self.appendixSample {
            let item = try #require(map.images.first { $0.imagename.contains("}}\(image){{") || $0.imagename == image }, "\(image)")
            #expect(item.params == expected, "\(image)")
        }
        #expect(map.images.filter { $0.condition.cephImages }.count == 7)
        #expect(map.images.filter { $0.condition.neutronDriverIn == ["ovn"] }.count == 6)
        let pushgateway = try #require(map.images.first { $0.params == ["ContainerCeilometerPushgatewayImage"] })
        #expect(pushgateway.services == ["OS::Tripleo::Services::CeilometerPushgateway"])  // upstream spelling
        #expect(map.images.first { $0.params == ["ContainerAEEImage"] }?.services == nil)
    }

    static let appendixSample: [(String, [String])] = [
        ("aodh-api", ["ContainerAodhApiImage", "ContainerAodhConfigImage"]),
        (
            "mariadb",
            [
                "ContainerClustercheckConfigImage", "ContainerClustercheckImage", "ContainerMysqlConfigImage", "ContainerMysqlImage",
                "ContainerMysqlClientConfigImage",
            ]
        ),
        ("nova-api", ["ContainerNovaApiImage", "ContainerNovaConfigImage", "ContainerNovaMetadataImage", "ContainerNovaMetadataConfigImage"]),
        ("ovn-northd", ["ContainerOvnNorthdImage", "ContainerOvnDbsImage", "ContainerOvnDbsConfigImage"]),
        (
            "rsyslog",
            [
                "ContainerRsyslogImage", "ContainerRsyslogConfigImage", "ContainerRsyslogSidecarImage", "ContainerRsyslogSidecarConfigImage",
                "ContainerOctaviaRsyslogImage",
            ]
        ),
        ("qdrouterd", ["ContainerQdrouterdConfigImage", "ContainerQdrouterdImage", "ContainerMetricsQdrConfigImage", "ContainerMetricsQdrImage"]),
        ("{{ceph_namespace}}/{{ceph_image}}:{{ceph_tag}}", ["ContainerCephDaemonImage"]),
    ]

    /// Every Appendix A parameter, rendered with the defaults (ovn, ceph).
    @Test func everyAppendixParameterRenders() throws {
        let params = Fixture.params(try Fixture.preparation().prepareMulti(environment: .mapping([]), roles: []))
        #expect(Set(params.keys) == Set(Fixture.map18.images.flatMap(\.params)))
        #expect(params["ContainerNeutronApiImage"] == "quay.io/tripleomastercentos9/openstack-neutron-server:current-tripleo")
        #expect(params["HaproxyContainerImage"] == "quay.io/ceph/haproxy:2.3")  // float 2.3 renders as Python str
        #expect(params["ContainerCeilometerPushgatewayImage"] == "quay.io/prometheus/pushgateway:v1.4.2")
    }

    @Test func rockyMapUsesDockerNames() throws {
        let map = Fixture.mapRocky
        #expect(map.images.allSatisfy { $0.params.allSatisfy { $0.hasPrefix("Docker") } })
        #expect(map.images.contains { $0.params.contains("DockerOpendaylightApiImage") && $0.condition.neutronDriverIn == ["odl"] })
        #expect(map.images.contains { $0.params.contains("DockerNeutronApiImage") && $0.condition.neutronDriverNotIn == ["odl", "ovn"] })
        #expect(map.defaultSet.first { $0.key == "namespace" }?.value == "docker.io/tripleorocky")
    }

    @Test func userMapWithConditionsAndDefaultsFrom18() throws {
        let map = try ImageMap(
            yaml: """
                images:
                - {imagename: '{{namespace}}/x:{{tag}}', image_source: tripleo, params: [X], services: [S], when: {neutron_driver: [ovn]}}
                - {imagename: '{{namespace}}/y:{{tag}}', params: Y, when: {ceph_images: true}}
                """, name: "mine.yml")
        #expect(map.defaultPrepare == Fixture.map18.defaultPrepare)
        let result = try ImagePreparation(map: map).prepareMulti(
            environment: Fixture.yaml("{parameter_defaults: {ContainerImagePrepare: [{set: {ceph_images: false, tag: t}}]}}"), roles: [])
        #expect(Fixture.params(result) == ["X": "quay.io/tripleomastercentos9/x:t"])
    }

    @Test(arguments: [
        ("[]", "image map m: expected a mapping at the top level"), ("images: 3", "image map m: 'images' must be a list of image items"),
        ("images: [{params: [A]}]", "image map m: images[0]: 'imagename' must be a string"),
        (
            "images: [{imagename: a, when: {os: x}}]",
            "image map m: images[0].when: unknown condition 'os' (known: neutron_driver, neutron_driver_not, ceph_images)"
        ),
    ])
    func badMapsAreNamed(text: String, message: String) {
        #expect(throws: ImagePrepareError.invalidMap(message)) { try ImageMap(yaml: text, name: "m") }
    }
}
