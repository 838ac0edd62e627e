import RegistryTesting
import Testing

@testable import Registry

/// Retries with backoff (429 Retry-After, 5xx, resets), bounded; redirects without leaking auth.
@Suite struct RegistryRetryTests {
    static let host = "registry.fake:5000"

    func setup(_ auth: FakeNetwork.Auth = .none) -> (FakeNetwork, RegistryClient, SleepRecorder) {
        let network = FakeNetwork(registries: [Self.host])
        network.configure(Self.host) { $0.auth = auth }
        TestImage(layers: [TestImage.layer(1)]).push(to: network, host: Self.host, repo: "t/api", tag: "latest")
        let sleeps = SleepRecorder()
        let client = RegistryClient(transport: network, configuration: .init(insecure: [Self.host], retry: sleeps.policy))
        return (network, client, sleeps)
    }

    /// B3 / complaint 1: a rate limit waits what `Retry-After` asks, then succeeds.
    @Test func rateLimitHonoursRetryAfter() async throws {
        let (network, client, sleeps) = setup()
        network.inject(.init(method: "GET", pathContains: "/manifests/", status: 429, headers: [(name: "Retry-After", value: "7")], times: 1))
        _ = try await client.manifest(ImageReference("\(Self.host)/t/api:latest"))
        #expect(sleeps.recorded == [7])
        #expect(network.requests("GET", "/manifests/").count == 2)
    }

    @Test func serverErrorsBackOffExponentially() async throws {
        let (network, client, sleeps) = setup()
        network.inject(.init(method: "GET", pathContains: "/manifests/", status: 500, times: 2))
        network.inject(.init(method: "GET", pathContains: "/manifests/", status: 503, times: 1))
        _ = try await client.manifest(ImageReference("\(Self.host)/t/api:latest"))
        #expect(sleeps.recorded == [0.5, 1, 2])
    }

    @Test func connectionResetsAreRetried() async throws {
        let (network, client, sleeps) = setup()
        network.inject(.init(method: "GET", pathContains: "/tags/list", status: 0, times: 2))
        let tags = try await client.tags(registry: Self.host, repository: "t/api")
        #expect(tags == ["latest"])
        #expect(sleeps.recorded.count == 2)
    }

    /// Bounded: a registry that keeps failing ends the call after 6 attempts with the image named.
    @Test func persistentFailureIsBoundedAndNamesTheImage() async throws {
        let (network, client, sleeps) = setup()
        network.inject(.init(method: "GET", pathContains: "/manifests/", status: 503, times: 100))
        do {
            _ = try await client.manifest(ImageReference("\(Self.host)/t/api:latest"))
            Issue.record("expected a failure")
        } catch {
            #expect("\(error)".contains("\(Self.host)/t/api:latest"))
            #expect("\(error)".contains("HTTP 503"))
        }
        #expect(network.requests("GET", "/manifests/").count == 6)
        #expect(sleeps.recorded == [0.5, 1, 2, 4, 8])
    }

    @Test func retryAfterIsCappedAndReadAsADate() {
        let policy = RetryPolicy(sleep: { _ in })
        #expect(policy.delay(afterAttempt: 1, retryAfter: "3600") == 60)
        let now = HTTPDate.parse("Wed, 21 Oct 2015 07:28:00 GMT") ?? 0
        #expect(policy.delay(afterAttempt: 1, retryAfter: "Wed, 21 Oct 2015 07:28:09 GMT", now: now) == 9)
        #expect(policy.delay(afterAttempt: 9) == 10)
    }

    /// B7: a 404 is not retried.
    @Test func notFoundIsNotRetried() async throws {
        let (network, client, _) = setup()
        await #expect(throws: RegistryError.notFound("Not found image: docker://\(Self.host)/t/missing:latest")) {
            try await client.manifest(ImageReference("\(Self.host)/t/missing:latest"))
        }
        #expect(network.requests("GET", "/manifests/").count == 1)
    }

    /// B5/B6: a blob GET redirected to another origin goes there without `Authorization`.
    @Test func redirectsDropAuthorizationForOtherOrigins() async throws {
        let (network, client, _) = setup(.bearer(user: nil, password: nil, expiresIn: 300))
        network.configure(Self.host) { $0.redirectBlobs = true }
        let layer = TestImage.layer(1)
        let digest = network.seedBlob(layer, host: Self.host, repo: "t/api")
        let bytes = try await client.blobBytes(digest, in: "t/api", registry: Self.host)
        #expect(bytes == layer)
        let registryGets = network.requests("GET", "/blobs/").filter { $0.host == Self.host }
        #expect(registryGets.last?.authorization?.hasPrefix("Bearer ") == true)
        let storageGets = network.log.filter { $0.host == FakeNetwork.storageHost }
        #expect(storageGets.count == 1)
        #expect(storageGets.allSatisfy { $0.authorization == nil })
    }

    @Test func sameOriginRedirectKeepsAuthorization() {
        #expect(URLParts("https://r.fake/v2/x")?.origin == URLParts("https://r.fake:443/other")?.origin)
        #expect(URLParts("http://r.fake/v2/x")?.origin != URLParts("https://r.fake/v2/x")?.origin)
        #expect(URLParts.resolve("/v2/a/blobs/uploads/1?x=y", against: "http://r.fake:5000/v2/") == "http://r.fake:5000/v2/a/blobs/uploads/1?x=y")
        #expect(URLParts.resolve("uploads/1", against: "http://r.fake:5000/v2/a/blobs/") == "http://r.fake:5000/v2/a/blobs/uploads/1")
    }
}
