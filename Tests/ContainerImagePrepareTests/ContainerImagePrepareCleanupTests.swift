import ContainerImagePrepare
import ImageCopy
import JSON
import ModuleKit
import RegistryTesting
import Synchronization
import Testing

/// `cleanup` as tripleo-common applies it to the images built locally for `modify_role`: once every image
/// is done, `full` removes the unmodified local copy and the modified image, `partial` the unmodified copy,
/// `none` nothing; nothing for a skipped image or in check mode. (Tests/registry/test_prepare_cleanup.py
/// runs it on the real engine.)
@Suite struct ContainerImagePrepareCleanupTests {
    typealias Copy = ContainerImagePrepareCopyTests

    /// Records the modifications and the removals asked for; every removal succeeds.
    final class Local: ImageModifier {
        let removals = Mutex<[[String]]>([])
        func modify(_ request: ModifyRequest) async throws {}
        func removeLocalImages(_ images: [String]) async -> [String] {
            removals.withLock { $0.append(images) }
            return images
        }
    }

    static let env = Copy.environment([
        "modify_role": "tripleo-modify-image", "modify_append_tag": "-mod", "includes": ["openstack-keystone:", "glance-api"],
    ])
    static func image(_ name: String, _ tag: String) -> String { "\(Copy.target)/t/openstack-\(name):\(tag)" }

    @Test(arguments: [
        ("full", [image("glance-api", "1"), image("glance-api", "1-mod"), image("keystone", "1"), image("keystone", "1-mod")]),
        ("partial", [image("glance-api", "1"), image("keystone", "1")]),
        ("none", []),
    ])
    func removesWhatTripleoCommonRemovesOnceAtTheEnd(cleanup: String, removed: [String]) async throws {
        let local = Local()
        let result = try await Copy().run(["environment": Self.env, "cleanup": .string(cleanup)], network: Copy.seeded(), modifier: local)
        #expect(local.removals.withLock { $0 } == (removed.isEmpty ? [] : [removed]))
        #expect(result.fields["removed_local_images"] == .array(removed.map(JSONValue.string)))
    }

    @Test func checkModeAndExistingModifiedImagesRemoveNothing() async throws {
        let local = Local()
        let checked = try await Copy().run(["environment": Self.env], network: Copy.seeded(), check: true, modifier: local)
        #expect(checked.fields["removed_local_images"] == [])
        let network = Copy.seeded()
        _ = try await Copy().run(["environment": Self.env, "cleanup": "none"], network: network, modifier: Local())
        // The modified tags do not exist (the recorder built nothing): push them, then a rerun skips both.
        for name in ["keystone", "glance-api"] {
            let bytes = try #require(network.manifest(host: Copy.target, repo: "t/openstack-\(name)", reference: "1"))
            network.seedManifest(
                bytes, type: "application/vnd.docker.distribution.manifest.v2+json", host: Copy.target, repo: "t/openstack-\(name)", tag: "1-mod")
        }
        let rerun = try await Copy().run(["environment": Self.env], network: network, modifier: local)
        #expect(rerun.fields["copies"]?.arrayValue?.allSatisfy { $0.objectValue?["status"] == "skipped" } == true)
        #expect(local.removals.withLock { $0 }.isEmpty)
    }
}
