import Digest
import JSON
import RegistryTesting
import Synchronization
import Testing

@testable import Registry

/// Reading: references, manifests (v2, OCI, lists, schema 1), tags with pages, labels, endpoints.
@Suite struct RegistryReadTests {
    static let host = "registry.fake:5000"

    /// B25-like: how image names split.
    @Test(arguments: [
        ("docker.io/t/foo:bar", "docker.io", "t/foo", "bar"),
        ("registry.fake:5000/foo:bar", "registry.fake:5000", "foo", "bar"),
        ("registry.fake:5000/t/foo", "registry.fake:5000", "t/foo", "latest"),
        ("docker://quay.io/t/foo@sha256:abc", "quay.io", "t/foo", "sha256:abc"),
        ("docker.io/busybox:1", "docker.io", "library/busybox", "1"),
    ])
    func references(name: String, registry: String, repository: String, reference: String) throws {
        let ref = try ImageReference(name)
        #expect(ref.registry == registry && ref.repository == repository && ref.reference == reference)
    }

    @Test func referenceWithoutRegistryIsRejected() {
        #expect(throws: RegistryError.self) { try ImageReference("nova-api:latest") }
    }

    /// B21: schema 1 layers reversed, config from history; digest from the header.
    @Test func schema1Manifest() throws {
        let text =
            #"{"schemaVersion":1,"fsLayers":[{"blobSum":"sha256:ccc"},{"blobSum":"sha256:bbb"},{"blobSum":"sha256:aaa"}],"history":[{"v1Compatibility":"{\"config\":{\"Labels\":{\"a\":\"b\"}}}"}]}"#
        let m = try Manifest(bytes: Array(text.utf8), contentType: "application/json", headerDigest: "sha256:eeee", subject: "x")
        #expect(m.kind == .schema1)
        #expect(m.layers.map(\.digest) == ["sha256:aaa", "sha256:bbb", "sha256:ccc"])
        #expect(m.digest == "sha256:eeee")
        #expect(m.schema1Config?["config"]?.objectValue?["Labels"]?.objectValue?["a"] == "b")
    }

    /// B21: no digest header → sha256 of the bytes; media type from the body, else the header, else inferred.
    @Test func manifestDigestAndType() throws {
        let image = TestImage(layers: [TestImage.layer(1)], oci: true)
        let m = try Manifest(bytes: image.manifest, contentType: "application/octet-stream", subject: "x")
        #expect(m.digest == SHA256.digest(image.manifest))
        #expect(m.mediaType == MediaType.ociManifest)
        #expect(m.blobs.map(\.digest) == [SHA256.digest(image.config), SHA256.digest(TestImage.layer(1))])
    }

    /// B29: the manifest request asks for schema 2 and OCI.
    @Test func manifestAcceptHeader() async throws {
        let network = FakeNetwork(registries: [Self.host])
        TestImage(layers: [TestImage.layer(1)]).push(to: network, host: Self.host, repo: "t/api", tag: "latest")
        let client = RegistryClient(transport: network, configuration: .init(insecure: [Self.host]))
        _ = try await client.manifest(ImageReference("\(Self.host)/t/api:latest"))
        let accept = network.log.first?.headers.first { $0.name == "Accept" }?.value ?? ""
        #expect(accept.hasPrefix(MediaType.dockerManifest + ", " + MediaType.ociManifest))
        #expect(network.log.first?.url == "http://\(Self.host)/v2/t/api/manifests/latest")
    }

    /// Tag lists follow `Link` pages (tripleo-common 18.0.0 reads the first page only, LP#2028260).
    @Test func tagsFollowPages() async throws {
        let network = FakeNetwork(registries: [Self.host])
        for tag in ["a", "b", "c", "d", "e"] {
            TestImage(layers: [TestImage.layer(1)]).push(to: network, host: Self.host, repo: "t/api", tag: tag)
        }
        network.configure(Self.host) { $0.tagPageSize = 2 }
        let client = RegistryClient(transport: network, configuration: .init(insecure: [Self.host]))
        #expect(try await client.tags(registry: Self.host, repository: "t/api") == ["a", "b", "c", "d", "e"])
        #expect(network.requests("GET", "/tags/list").count == 3)
        #expect(RegistryClient.nextLink(#"</v2/t/api/tags/list?n=2&last=b>; rel="next""#) == "/v2/t/api/tags/list?n=2&last=b")
    }

    /// B14: probing a registry named in neither list, once per host.
    @Test(
        arguments: [
            ([], "https://p.fake:1", true, 1),
            (["tls"], "https://p.fake:1", false, 2),
            (["tls", "tls"], "http://p.fake:1", true, 2),
            (["timeout"], "https://p.fake:1", true, 1),
        ] as [([String], String, Bool, Int)])
    func probe(failures: [String], base: String, verify: Bool, requests: Int) async {
        let transport = ProbeTransport(failures)
        let resolver = EndpointResolver(insecure: [], noVerify: [], mirrors: [:], probe: true, transport: transport)
        let first = await resolver.endpoint(for: "p.fake:1", forReading: true)
        let again = await resolver.endpoint(for: "p.fake:1", forReading: false)
        #expect(first == .init(base: base, verify: verify))
        #expect(again == first)
        #expect(transport.count == requests)
    }

    /// B20: docker.io → registry-1.docker.io; insecure → http; no-verify stays https; mirrors for reads.
    @Test func endpoints() async {
        let resolver = EndpointResolver(
            insecure: ["i.fake:8787"], noVerify: ["n.fake:8787"], mirrors: ["docker.io": "http://m.fake:8081/registry-1.docker/"], probe: true,
            transport: ProbeTransport([]))
        #expect(await resolver.endpoint(for: "docker.io", forReading: false) == .init(base: "https://registry-1.docker.io", verify: true))
        #expect(await resolver.endpoint(for: "docker.io", forReading: true) == .init(base: "http://m.fake:8081/registry-1.docker", verify: true))
        #expect(await resolver.endpoint(for: "i.fake:8787", forReading: true) == .init(base: "http://i.fake:8787", verify: true))
        #expect(await resolver.endpoint(for: "n.fake:8787", forReading: true) == .init(base: "https://n.fake:8787", verify: false))
    }

    @Test func proxySettings() {
        let proxy = ProxySettings.parse(https: "http://user:pw@proxy.fake:3128/", http: nil, noProxy: "internal.fake, .corp.fake")
        #expect(proxy.server?.host == "proxy.fake" && proxy.server?.port == 3128)
        #expect(proxy.shouldProxy(url: "https://quay.io/v2/"))
        #expect(!proxy.shouldProxy(url: "https://internal.fake/v2/"))
        #expect(!proxy.shouldProxy(url: "https://a.corp.fake:5000/v2/"))
        #expect(!proxy.shouldProxy(url: "https://127.0.0.1:5000/v2/"))
        #expect(!proxy.shouldProxy(url: "http://quay.io/v2/"))
    }

    @Test func sha256KnownAnswers() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        var chunked = SHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 999, 4096] {
            chunked.update(million[offset..<offset + size])
            offset += size
        }
        chunked.update(million[offset...])
        #expect(Hex.encode(chunked.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

/// A transport for probes: each request takes the next scripted failure, then answers 200.
final class ProbeTransport: RegistryTransport, @unchecked Sendable {
    private var failures: [String]
    private(set) var count = 0
    private let lock = Mutex(())

    init(_ failures: [String]) { self.failures = failures }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let next: String? = lock.withLock { _ in
            count += 1
            return failures.isEmpty ? nil : failures.removeFirst()
        }
        switch next {
        case "tls": throw TransportError.tls("handshake failed")
        case "timeout": throw TransportError.timeout("no answer")
        default: return FakeNetwork.response(200)
        }
    }
}
