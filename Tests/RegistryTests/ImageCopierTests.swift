import Digest
import ImageCopy
import JSON
import RegistryTesting
import Synchronization
import Testing

@testable import Registry

/// The copier against the in-memory registries: dedup and mounts, HEAD skips, manifest-last,
/// failures that leave no half image, multi-arch, OCI bytes kept, no-op runs, check mode.
@Suite struct ImageCopierTests {
    static let source = "source.fake:5000"
    static let target = "target.fake:5001"

    struct World {
        var network: FakeNetwork
        var client: RegistryClient
        var sleeps: SleepRecorder
    }

    func world(targetAuth: FakeNetwork.Auth = .none) -> World {
        let network = FakeNetwork(registries: [Self.source, Self.target])
        network.configure(Self.target) { $0.auth = targetAuth }
        let sleeps = SleepRecorder()
        let client = RegistryClient(transport: network, configuration: .init(insecure: [Self.source, Self.target], retry: sleeps.policy))
        return World(network: network, client: client, sleeps: sleeps)
    }

    /// Images `t/img0…` sharing two base layers, each with one layer of its own.
    func seedShared(_ network: FakeNetwork, count: Int) -> [TestImage] {
        (0..<count).map { i in
            let image = TestImage(layers: [TestImage.layer(100), TestImage.layer(101), TestImage.layer(i)], labels: [("n", "\(i)")])
            image.push(to: network, host: Self.source, repo: "t/img\(i)", tag: "1")
            return image
        }
    }

    func jobs(_ count: Int) throws -> [CopyJob] {
        try (0..<count).map { i in
            CopyJob(source: try ImageReference("\(Self.source)/t/img\(i):1"), target: try ImageReference("\(Self.target)/t/img\(i):1"))
        }
    }

    /// Every unique blob is uploaded once; other repositories mount it (query parameters).
    @Test func sharedLayersAreUploadedOnceAndMountedElsewhere() async throws {
        let w = world()
        let images = seedShared(w.network, count: 6)
        let outcomes = await ImageCopier(client: w.client, concurrency: 3).copy(try jobs(6))
        #expect(outcomes.allSatisfy { $0.status == .copied }, "\(outcomes.map(\.line))")
        let uniqueBlobs = Set(images.flatMap { [SHA256.digest($0.config)] + $0.layers.map { SHA256.digest($0) } })
        let completed = w.network.requests("PUT", "/blobs/uploads/", host: Self.target)
        #expect(completed.count == uniqueBlobs.count)
        #expect(Set(completed.compactMap { URLPartsLite.query($0.url)["digest"]?.first }) == uniqueBlobs)
        let mounts = w.network.requests("POST", "mount=", host: Self.target)
        #expect(mounts.count == 5 * 2)
        #expect(mounts.allSatisfy { $0.bodyBytes == 0 && URLPartsLite.query($0.url)["from"]?.first?.hasPrefix("t/img") == true })
        #expect(outcomes.reduce(0) { $0 + $1.blobsUploaded } == uniqueBlobs.count)
        #expect(outcomes.reduce(0) { $0 + $1.blobsMounted } == 10)
        for (i, image) in images.enumerated() {
            #expect(w.network.manifest(host: Self.target, repo: "t/img\(i)", reference: "1") == image.manifest)
        }
        // Each blob was read from the source once.
        #expect(w.network.requests("GET", "/blobs/", host: Self.source).count == uniqueBlobs.count)
    }

    /// HEAD before upload: a blob the destination already has is not sent.
    @Test func blobsAlreadyThereAreNotUploaded() async throws {
        let w = world()
        let image = seedShared(w.network, count: 1)[0]
        _ = w.network.seedBlob(TestImage.layer(100), host: Self.target, repo: "t/img0")
        let outcome = try #require(await ImageCopier(client: w.client).copy(try jobs(1)).first)
        #expect(outcome.status == .copied)
        #expect(outcome.blobsPresent == 1)
        #expect(outcome.blobsUploaded == image.layers.count)  // config + 2 other layers
        #expect(
            !w.network.requests("PUT", "/blobs/uploads/").contains {
                URLPartsLite.query($0.url)["digest"]?.first == SHA256.digest(TestImage.layer(100))
            })
    }

    /// The manifest goes last: after every blob of its image.
    @Test func manifestIsPushedAfterAllItsBlobs() async throws {
        let w = world()
        _ = seedShared(w.network, count: 4)
        _ = await ImageCopier(client: w.client, concurrency: 4).copy(try jobs(4))
        let log = w.network.log
        for i in 0..<4 {
            let repo = "/v2/t/img\(i)/"
            let manifestAt = try #require(log.lastIndex { $0.method == "PUT" && $0.host == Self.target && $0.path.hasPrefix(repo + "manifests/") })
            let lastBlob = try #require(
                log.lastIndex { ($0.method == "PUT" || $0.method == "POST") && $0.host == Self.target && $0.path.hasPrefix(repo + "blobs/") })
            #expect(lastBlob < manifestAt)
        }
    }

    /// A blob that cannot be uploaded fails its image, names it, and leaves no manifest; other
    /// images are copied.
    @Test func persistentFailureLeavesNoHalfImage() async throws {
        let w = world()
        let images = seedShared(w.network, count: 3)
        let bad = SHA256.digest(images[1].layers[2])
        w.network.inject(.init(method: "PUT", pathContains: "", status: 500, times: 1000))
        // Only uploads of the bad blob fail: route the fault by digest.
        w.network.state.withLock {
            $0.faults = [.init(method: "PUT", pathContains: "digest=" + bad.replacingOccurrences(":", "%3A"), status: 500, times: 1000)]
        }
        let outcomes = await ImageCopier(client: w.client, concurrency: 2).copy(try jobs(3))
        #expect(outcomes[0].status == .copied && outcomes[2].status == .copied)
        #expect(outcomes[1].status == .failed)
        #expect(outcomes[1].message?.contains("\(Self.source)/t/img1:1") == true)
        #expect(w.network.manifest(host: Self.target, repo: "t/img1", reference: "1") == nil)
        // Bounded: 4 whole-blob attempts, each PUT retried by the client 6 times at most.
        #expect(w.network.requests("PUT", bad.replacingOccurrences(":", "%3A")).count <= 4)
    }

    /// A token expiring mid-copy (revoked between blobs): renewed, the copy completes.
    @Test func unauthorizedMidCopyReauthenticates() async throws {
        let w = world(targetAuth: .bearer(user: nil, password: nil, expiresIn: 300))
        _ = seedShared(w.network, count: 2)
        let copier = ImageCopier(client: w.client, concurrency: 1)
        let first = await copier.copy(try jobs(1))
        #expect(first[0].status == .copied)
        w.network.revokeTokens()
        let second = await copier.copy([
            CopyJob(source: try ImageReference("\(Self.source)/t/img1:1"), target: try ImageReference("\(Self.target)/t/img1:1"))
        ])
        #expect(second[0].status == .copied, "\(second[0].line)")
        #expect(w.network.tokenRequests.count >= 2)
    }

    /// A 401 on the streamed upload itself (the token expired during the transfer): the blob is
    /// sent again with a new token.
    @Test func unauthorizedDuringTheStreamRestartsTheBlob() async throws {
        let w = world(targetAuth: .bearer(user: nil, password: nil, expiresIn: 300))
        _ = seedShared(w.network, count: 1)
        w.network.inject(
            .init(
                method: "PUT", pathContains: "/blobs/uploads/", status: 401,
                headers: [(name: "WWW-Authenticate", value: "Bearer realm=\"http://auth.fake/token\",service=\"\(Self.target)\"")], times: 1))
        let outcome = await ImageCopier(client: w.client, concurrency: 1).copy(try jobs(1))
        #expect(outcome[0].status == .copied, "\(outcome[0].line)")
        #expect(w.network.requests("PUT", "/blobs/uploads/").count == 5)  // 4 blobs + the one sent again
    }

    /// The second run compares manifest digests and transfers nothing.
    @Test func secondRunIsANoOp() async throws {
        let w = world()
        _ = seedShared(w.network, count: 3)
        _ = await ImageCopier(client: w.client).copy(try jobs(3))
        let before = w.network.log.count
        let again = await ImageCopier(client: w.client).copy(try jobs(3))
        #expect(again.allSatisfy { $0.status == .present && $0.bytes == 0 })
        let requests = w.network.log[before...]
        #expect(requests.count == 6)
        #expect(requests.filter { $0.method == "GET" && $0.host == Self.source && $0.path.contains("/manifests/") }.count == 3)
        #expect(requests.filter { $0.method == "HEAD" && $0.host == Self.target && $0.path.contains("/manifests/") }.count == 3)
    }

    /// Check mode reads manifests only and reports what would be copied.
    @Test func checkModeWritesNothing() async throws {
        let w = world()
        let images = seedShared(w.network, count: 2)
        let outcomes = await ImageCopier(client: w.client, checkMode: true).copy(try jobs(2))
        #expect(outcomes.allSatisfy { $0.status == .copied })
        #expect(outcomes[0].bytes == Int64(images[0].config.count + images[0].layers.reduce(0) { $0 + $1.count }))
        #expect(w.network.log.allSatisfy { $0.method == "GET" || $0.method == "HEAD" })
        #expect(!w.network.log.contains { $0.path.contains("/blobs/") })
    }

    /// OCI manifests are pushed byte for byte (tripleo-common re-serialises and converts them to
    /// Docker schema 2, so its destination digests differ from the source's).
    @Test func ociBytesAndDigestArePreserved() async throws {
        let w = world()
        let image = TestImage(layers: [TestImage.layer(7)], oci: true)
        let digest = image.push(to: w.network, host: Self.source, repo: "t/oci", tag: "1")
        let outcome = await ImageCopier(client: w.client).copy([
            CopyJob(source: try ImageReference("\(Self.source)/t/oci:1"), target: try ImageReference("\(Self.target)/t/oci:1"))
        ])
        #expect(outcome[0].status == .copied && outcome[0].digest == digest)
        #expect(w.network.manifest(host: Self.target, repo: "t/oci", reference: "1") == image.manifest)
        let put = try #require(w.network.requests("PUT", "/manifests/").first)
        #expect(put.headers.first { $0.name == "Content-Type" }?.value == MediaType.ociManifest)
    }

    /// B39 / multi_arch: platform manifests by digest first, then the list under the tag.
    @Test func multiArchCopiesEveryPlatformThenTheList() async throws {
        let w = world()
        let amd = TestImage(layers: [TestImage.layer(1), TestImage.layer(2)])
        var ppc = TestImage(layers: [TestImage.layer(1), TestImage.layer(3)])
        ppc.architecture = "ppc64le"
        let list = pushList([amd, ppc], oci: true, network: w.network, host: Self.source, repo: "t/multi", tag: "1")
        let outcome = await ImageCopier(client: w.client).copy([
            CopyJob(source: try ImageReference("\(Self.source)/t/multi:1"), target: try ImageReference("\(Self.target)/t/multi:1"), multiArch: true)
        ])
        #expect(outcome[0].status == .copied, "\(outcome[0].line)")
        #expect(outcome[0].digest == list)
        let puts = w.network.requests("PUT", "/manifests/").map { String($0.path.split(separator: "/").last ?? "") }
        #expect(puts == [amd.digest, ppc.digest, "1"])
        #expect(outcome[0].blobsUploaded == 5)  // 2 configs + 3 distinct layers
    }

    /// Without multi_arch a list source copies its linux/amd64 image under the tag.
    @Test func singleArchPicksAmd64FromAList() async throws {
        let w = world()
        var arm = TestImage(layers: [TestImage.layer(4)])
        arm.architecture = "arm64"
        let amd = TestImage(layers: [TestImage.layer(5)])
        _ = pushList([arm, amd], oci: false, network: w.network, host: Self.source, repo: "t/multi", tag: "1")
        let outcome = await ImageCopier(client: w.client).copy([
            CopyJob(source: try ImageReference("\(Self.source)/t/multi:1"), target: try ImageReference("\(Self.target)/t/multi:1"))
        ])
        #expect(outcome[0].digest == amd.digest)
        #expect(w.network.manifest(host: Self.target, repo: "t/multi", reference: "1") == amd.manifest)
    }

    /// Source and destination in one registry: the first copy mounts from the source repository.
    @Test func sameRegistryCopiesByMount() async throws {
        let w = world()
        let image = TestImage(layers: [TestImage.layer(9)])
        image.push(to: w.network, host: Self.target, repo: "up/api", tag: "1")
        let outcome = await ImageCopier(client: w.client).copy([
            CopyJob(source: try ImageReference("\(Self.target)/up/api:1"), target: try ImageReference("\(Self.target)/down/api:1"))
        ])
        #expect(outcome[0].status == .copied && outcome[0].blobsMounted == 2 && outcome[0].blobsUploaded == 0)
        #expect(w.network.requests("GET", "/blobs/").isEmpty)
    }

    /// Damaged content is caught while streaming: the upload never completes, no manifest.
    @Test func digestMismatchFailsTheImage() async throws {
        let w = world()
        let image = TestImage(layers: [TestImage.layer(11)])
        image.push(to: w.network, host: Self.source, repo: "t/bad", tag: "1")
        let layer = SHA256.digest(TestImage.layer(11))
        w.network.state.withLock { $0.blobs[layer] = TestImage.layer(12) }
        let outcome = await ImageCopier(client: w.client, blobAttempts: 2).copy([
            CopyJob(source: try ImageReference("\(Self.source)/t/bad:1"), target: try ImageReference("\(Self.target)/t/bad:1"))
        ])
        #expect(outcome[0].status == .failed)
        #expect(outcome[0].message?.contains("content digest") == true, "\(outcome[0].line)")
        #expect(!w.network.hasBlob(host: Self.target, repo: "t/bad", digest: layer))
        #expect(w.network.manifest(host: Self.target, repo: "t/bad", reference: "1") == nil)
    }

    /// Chunked mode: PATCH streams the blob, PUT completes it.
    @Test func patchThenPutUploads() async throws {
        let w = world()
        _ = seedShared(w.network, count: 1)
        let outcome = await ImageCopier(client: w.client, uploadMode: .patchThenPut).copy(try jobs(1))
        #expect(outcome[0].status == .copied)
        #expect(w.network.requests("PATCH", "/blobs/uploads/").count == 4)
        #expect(w.network.requests("PUT", "/blobs/uploads/").allSatisfy { $0.bodyBytes == 0 })
    }

    @Test func duplicateTargetsAreSkipped() async throws {
        let w = world()
        _ = seedShared(w.network, count: 1)
        let outcomes = await ImageCopier(client: w.client).copy(try jobs(1) + jobs(1))
        #expect(outcomes.map(\.status) == [.copied, .skipped])
    }

    /// `modify_role` without a modifier fails clearly; with one, it is asked after the copy.
    @Test func modifyNeedsAModifier() async throws {
        let w = world()
        _ = seedShared(w.network, count: 1)
        let request = ModifyRequest(
            role: "add-foo", vars: ["foo_version": "1.0.1"], sourceImage: "\(Self.target)/t/img0:1",
            targetImage: "\(Self.target)/t/img0:1-mod", appendTag: "-mod")
        var job = try jobs(1)[0]
        job.modification = request
        let without = await ImageCopier(client: w.client).copy([job])
        #expect(without[0].status == .failed)
        #expect(without[0].message?.contains("modify_role 'add-foo' needs an image modifier") == true)
        let modifier = RecordingModifier()
        let with = await ImageCopier(client: w.client, modifier: modifier).copy([job])
        #expect(with[0].status == .copied)
        #expect(with[0].target == "\(Self.target)/t/img0:1-mod")
        #expect(modifier.requests == [request])
        #expect(w.network.manifest(host: Self.target, repo: "t/img0", reference: "1") != nil)
    }
}

final class RecordingModifier: ImageModifier {
    private let seen = Mutex<[ModifyRequest]>([])
    var requests: [ModifyRequest] { seen.withLock { $0 } }
    func modify(_ request: ModifyRequest) async throws { seen.withLock { $0.append(request) } }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

/// OCI to a destination that refuses it: converted to Docker schema 2 (digest changes, noted), and
/// a rerun recognises the converted manifest as present.
@Suite struct OCIFallbackTests {
    @Test func refusedOCIIsPushedAsDockerSchema2() async throws {
        let network = FakeNetwork(registries: [ImageCopierTests.source, ImageCopierTests.target])
        network.configure(ImageCopierTests.target) { $0.rejectOCI = true }
        let client = RegistryClient(
            transport: network, configuration: .init(insecure: [ImageCopierTests.source, ImageCopierTests.target], retry: SleepRecorder().policy))
        let image = TestImage(layers: [TestImage.layer(3)], oci: true)
        image.push(to: network, host: ImageCopierTests.source, repo: "t/oci", tag: "1")
        let job = CopyJob(
            source: try ImageReference("\(ImageCopierTests.source)/t/oci:1"), target: try ImageReference("\(ImageCopierTests.target)/t/oci:1"))
        let first = await ImageCopier(client: client).copy([job])
        #expect(first[0].status == .copied, "\(first[0].line)")
        #expect(first[0].message?.contains("pushed as Docker schema 2") == true)
        let pushed = try #require(network.manifest(host: ImageCopierTests.target, repo: "t/oci", reference: "1"))
        let text = String(decoding: pushed, as: UTF8.self)
        #expect(text.contains(MediaType.dockerManifest) && text.contains("application/vnd.docker.image.rootfs.diff.tar.gzip"))
        #expect(!text.contains("vnd.oci"))
        let again = await ImageCopier(client: client).copy([job])
        #expect(again[0].status == .present)
    }
}
