import Digest
import ImageCopy
import JSON
import RegistryTesting
import Testing

@testable import Registry

/// tripleo-common 18.0.0's uploader vectors (reference §1.10 table B) that concern the registry client and
/// copier, restated for this implementation; where we deliberately differ (a quirk), the test shows it.
/// Rows covered elsewhere: B3/B7 (RegistryRetryTests), B5/B6 (redirects), B8/B19 (RegistryAuthTests),
/// B14/B20/B21/B25/B29 (RegistryReadTests), B39 (ImageCopierTests.multiArch…).
@Suite struct RegistryUploaderVectorTests {
    static let source = "source.fake:5000"
    static let target = "target.fake:5001"

    func world() -> (FakeNetwork, RegistryClient) {
        let network = FakeNetwork(registries: [Self.source, Self.target])
        return (
            network, RegistryClient(transport: network, configuration: .init(insecure: [Self.source, Self.target], retry: SleepRecorder().policy))
        )
    }

    /// B18: images match when their digests are equal (18.0.0 no longer compares; we do, per image).
    @Test func b18DigestsDecidePresence() async throws {
        let (network, client) = world()
        let image = TestImage(layers: [TestImage.layer(1)])
        image.push(to: network, host: Self.source, repo: "t/a", tag: "1")
        image.push(to: network, host: Self.target, repo: "t/a", tag: "1")
        var other = image
        other.labels = [("x", "y")]
        other.push(to: network, host: Self.target, repo: "t/b", tag: "1")
        let jobs = [
            CopyJob(source: try ImageReference("\(Self.source)/t/a:1"), target: try ImageReference("\(Self.target)/t/a:1")),
            CopyJob(source: try ImageReference("\(Self.source)/t/a:1"), target: try ImageReference("\(Self.target)/t/b:1")),
        ]
        let outcomes = await ImageCopier(client: client).copy(jobs)
        #expect(outcomes.map(\.status) == [.present, .copied])
    }

    /// B24: a missing repository's tags. tripleo-common returns `[]`; we report "Not found image", which
    /// tag discovery turns into its ImageNotFound error (the same outcome one step later).
    @Test func b24MissingRepositoryTags() async throws {
        let (_, client) = world()
        await #expect(throws: RegistryError.notFound("Not found image: docker://\(Self.source)/t/none")) {
            try await client.tags(registry: Self.source, repository: "t/none")
        }
    }

    /// B30: an upload starts with `POST …/blobs/uploads/` and continues at its `Location` (made absolute).
    @Test func b30UploadLocation() async throws {
        let (network, client) = world()
        let location = try await client.startUpload(into: "t/nova-api", registry: Self.target)
        #expect(location.hasPrefix("http://\(Self.target)/v2/t/nova-api/blobs/uploads/u"))
        #expect(location.hasSuffix("?_state=secret-state"))
        #expect(network.requests("POST", "/v2/t/nova-api/blobs/uploads/").count == 1)
    }

    /// B31: HEAD 200 → nothing sent; HEAD 404 → GET the source blob, then `PUT <location>&digest=sha256:<computed>`.
    @Test func b31LayerCopy() async throws {
        let (network, client) = world()
        let image = TestImage(layers: [TestImage.layer(1), TestImage.layer(2)])
        image.push(to: network, host: Self.source, repo: "t/nova-api", tag: "1")
        _ = network.seedBlob(TestImage.layer(1), host: Self.target, repo: "t/nova-api")
        let outcome = await ImageCopier(client: client).copy([
            CopyJob(source: try ImageReference("\(Self.source)/t/nova-api:1"), target: try ImageReference("\(Self.target)/t/nova-api:1"))
        ])
        #expect(outcome[0].blobsPresent == 1 && outcome[0].blobsUploaded == 2)
        #expect(network.requests("HEAD", "/blobs/", host: Self.target).count == 3)
        let puts = network.requests("PUT", "/blobs/uploads/", host: Self.target)
        let digests = Set(puts.compactMap { URLPartsLite.query($0.url)["digest"]?.first })
        #expect(digests == [SHA256.digest(image.config), SHA256.digest(TestImage.layer(2))])
        #expect(network.requests("GET", SHA256.digest(TestImage.layer(1)), host: Self.source).isEmpty)
    }

    /// B32/B33 (quirk): tripleo-common rewrites the manifest (config size and media type, docker types,
    /// `indent=3`), so the pushed digest differs. We push the source bytes with their own media type.
    @Test func b32ManifestIsNotRewritten() async throws {
        let (network, client) = world()
        let image = TestImage(layers: [TestImage.layer(1)], oci: true)
        image.push(to: network, host: Self.source, repo: "t/nova-api", tag: "latest")
        _ = await ImageCopier(client: client).copy([
            CopyJob(source: try ImageReference("\(Self.source)/t/nova-api:latest"), target: try ImageReference("\(Self.target)/t/nova-api:latest"))
        ])
        let pushed = try #require(network.manifest(host: Self.target, repo: "t/nova-api", reference: "latest"))
        #expect(SHA256.digest(pushed) == image.digest)
        #expect(String(decoding: pushed, as: UTF8.self).contains(MediaType.dockerConfig) == false)
    }

    /// Cross-repository mount (quirk): tripleo-common POSTs `mount`/`from` as a form body, which registries
    /// ignore; we send query parameters, and a 201 means no bytes move.
    @Test func mountUsesQueryParameters() async throws {
        let (network, client) = world()
        let digest = network.seedBlob(TestImage.layer(5), host: Self.target, repo: "t/a")
        let result = try await client.mountBlob(digest, into: "t/b", from: "t/a", registry: Self.target)
        #expect(result == .mounted)
        let post = try #require(network.requests("POST", "/v2/t/b/blobs/uploads/").first)
        #expect(URLPartsLite.query(post.url)["mount"] == [digest])
        #expect(URLPartsLite.query(post.url)["from"] == ["t/a"])
        #expect(post.bodyBytes == 0)
        #expect(network.hasBlob(host: Self.target, repo: "t/b", digest: digest))
        let missing = try await client.mountBlob(SHA256.digest(TestImage.layer(6)), into: "t/b", from: "t/a", registry: Self.target)
        guard case .uploadStarted = missing else {
            Issue.record("expected an upload session")
            return
        }
    }
}
