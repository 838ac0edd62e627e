import ImagePrepare
import Registry
import RegistryTesting
import Testing

@testable import ContainerImagePrepare

/// The module's registry adapter (moved here from the Registry library with ``RegistryLabelSource``).
@Suite struct RegistryLabelSourceTests {
    static let host = "registry.fake:5000"

    /// The label source behind `tag_from_label`: tags and config labels from the registry, via a list.
    @Test func labelSourceDrivesTagDiscovery() async throws {
        let network = FakeNetwork(registries: [Self.host])
        let amd = TestImage(layers: [TestImage.layer(1)], labels: [("rdo_version", "1.0-42"), ("release", "42")])
        var arm = amd
        arm.architecture = "arm64"
        arm.labels = [("rdo_version", "wrong")]
        _ = pushList([arm, amd], oci: false, network: network, host: Self.host, repo: "t/api", tag: "current")
        amd.push(to: network, host: Self.host, repo: "t/api", tag: "1.0-42")
        let source = RegistryLabelSource(client: RegistryClient(transport: network, configuration: .init(insecure: [Self.host])))
        let found = try await offPool {
            try TagDiscovery(source: source).discover("\(Self.host)/t/api:current", tagFromLabel: "rdo_version", defaultTag: false).tag
        }
        #expect(found == "1.0-42")
        let missing = try await offPool { () -> Bool in
            do {
                _ = try source.tags(registry: Self.host, repository: "t/missing")
                return false
            } catch {
                return error is ImagePrepareError
            }
        }
        #expect(missing)
    }
}
