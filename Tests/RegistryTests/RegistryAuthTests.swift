import JSON
import RegistryTesting
import Synchronization
import Testing

@testable import Registry

/// Anonymous, basic and bearer authentication; the token cache; expiry; wrong credentials.
@Suite struct RegistryAuthTests {
    static let host = "registry.fake:5000"

    func client(_ network: FakeNetwork, credentials: [String: Credentials] = [:], clock: (@Sendable () -> Double)? = nil) -> RegistryClient {
        RegistryClient(
            transport: network,
            configuration: .init(insecure: [Self.host], credentials: credentials, retry: SleepRecorder().policy), clock: clock)
    }

    func seeded(_ auth: FakeNetwork.Auth) -> FakeNetwork {
        let network = FakeNetwork(registries: [Self.host])
        network.configure(Self.host) { $0.auth = auth }
        TestImage(layers: [TestImage.layer(1)], labels: [("version", "1")]).push(to: network, host: Self.host, repo: "t/api", tag: "latest")
        return network
    }

    @Test func anonymousRequestsCarryNoAuthorization() async throws {
        let network = seeded(.none)
        _ = try await client(network).manifest(ImageReference("\(Self.host)/t/api:latest"))
        #expect(network.log.count == 1)
        #expect(network.log.allSatisfy { $0.authorization == nil })
    }

    /// B19: `Basic realm=…` with user foo/bar → `Authorization: Basic Zm9vOmJhcg==`, then up front.
    @Test func basicAuthIsLearnedOnceThenSentUpFront() async throws {
        let network = seeded(.basic(user: "foo", password: "bar"))
        let c = client(network, credentials: [Self.host: Credentials(username: "foo", password: "bar")])
        _ = try await c.manifest(ImageReference("\(Self.host)/t/api:latest"))
        _ = try await c.tags(registry: Self.host, repository: "t/api")
        #expect(network.log.map(\.authorization) == [nil, "Basic Zm9vOmJhcg==", "Basic Zm9vOmJhcg=="])
    }

    @Test func basicAuthWithoutCredentialsSaysSo() async throws {
        let network = seeded(.basic(user: "foo", password: "bar"))
        await #expect(throws: RegistryError.self) { try await client(network).manifest(ImageReference("\(Self.host)/t/api:latest")) }
        do {
            _ = try await client(network).manifest(ImageReference("\(Self.host)/t/api:latest"))
        } catch {
            #expect("\(error)".contains("requires a username and password"))
        }
    }

    @Test func wrongBasicPasswordFailsWithoutTheSecret() async throws {
        let network = seeded(.basic(user: "foo", password: "bar"))
        let c = client(network, credentials: [Self.host: Credentials(username: "foo", password: "s3cret-pw")])
        do {
            _ = try await c.manifest(ImageReference("\(Self.host)/t/api:latest"))
            Issue.record("expected a failure")
        } catch {
            let text = "\(error)"
            #expect(text.contains("rejected the username and password"))
            #expect(!text.contains("s3cret-pw"))
            #expect(!text.contains(TestBase64.encode("foo:s3cret-pw")))
        }
    }

    @Test func wrongBearerCredentialsFailWithoutTheSecret() async throws {
        let network = seeded(.bearer(user: "foo", password: "right", expiresIn: 300))
        let c = client(network, credentials: [Self.host: Credentials(username: "foo", password: "wr0ng-pw")])
        do {
            _ = try await c.manifest(ImageReference("\(Self.host)/t/api:latest"))
            Issue.record("expected a failure")
        } catch {
            let text = "\(error)"
            #expect(text.contains("rejected the username and password"))
            #expect(!text.contains("wr0ng-pw"))
        }
    }

    /// Many workers, one token per scope: the cache is shared and fetches are not duplicated.
    @Test func bearerTokenIsFetchedOncePerScopeForAllWorkers() async throws {
        let network = seeded(.bearer(user: nil, password: nil, expiresIn: 300))
        let c = client(network)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { _ = try await c.manifest(ImageReference("\(Self.host)/t/api:latest")) } }
            try await group.waitForAll()
        }
        #expect(network.tokenRequests == ["repository:t/api:pull"])
        let authorized = network.requests("GET", "/manifests/").filter { $0.authorization?.hasPrefix("Bearer ") == true }
        #expect(authorized.count == 8)
    }

    /// Push targets ask for `pull,push` (tripleo-common asks for `:pull` only: a quirk not copied).
    @Test func pushScopeIsPullPush() async throws {
        let network = seeded(.bearer(user: nil, password: nil, expiresIn: 300))
        _ = try await client(network).manifestDigest(ImageReference("\(Self.host)/t/new:latest"), push: true)
        #expect(network.tokenRequests == ["repository:t/new:pull,push"])
    }

    @Test func expiredTokenIsRenewedBeforeUse() async throws {
        let network = seeded(.bearer(user: nil, password: nil, expiresIn: 60))
        let now = Mutex(1000.0)
        let c = client(network, clock: { now.withLock { $0 } })
        let image = try ImageReference("\(Self.host)/t/api:latest")
        _ = try await c.manifest(image)
        now.withLock { $0 += 30 }
        _ = try await c.manifest(image)
        #expect(network.tokenRequests.count == 1)
        now.withLock { $0 += 25 }  // 5 s left: inside the renewal margin
        _ = try await c.manifest(image)
        #expect(network.tokenRequests.count == 2)
    }

    /// A token revoked mid-run: the 401 leads to one new token and the call goes on.
    @Test func revokedTokenIsReplacedAfterA401() async throws {
        let network = seeded(.bearer(user: nil, password: nil, expiresIn: 300))
        let c = client(network)
        let image = try ImageReference("\(Self.host)/t/api:latest")
        _ = try await c.manifest(image)
        network.revokeTokens()
        _ = try await c.manifest(image)
        #expect(network.tokenRequests.count == 2)
    }

    /// B19: 401 without a challenge, or with an unknown scheme, fails clearly.
    @Test(arguments: [(nil, "Unable to authenticate"), ("Foo realm=x", "Unknown www-authenticate value")] as [(String?, String)])
    func unusableChallenges(header: String?, message: String) async throws {
        let network = seeded(.none)
        network.inject(
            .init(
                method: "GET", pathContains: "/manifests/", status: 401,
                headers: header.map { [(name: "WWW-Authenticate", value: $0)] } ?? [], times: 1))
        do {
            _ = try await client(network).manifest(ImageReference("\(Self.host)/t/api:latest"))
            Issue.record("expected a failure")
        } catch {
            #expect("\(error)".contains(message))
        }
    }

    @Test func challengeParsing() {
        let c = AuthChallenge(#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:a/b:pull,push""#)
        #expect(c?.scheme == "bearer")
        #expect(c?.parameters["realm"] == "https://auth.docker.io/token")
        #expect(c?.parameters["service"] == "registry.docker.io")
        #expect(c?.parameters["scope"] == "repository:a/b:pull,push")
        #expect(AuthChallenge("Basic realm=\"x\"")?.scheme == "basic")
        #expect(AuthChallenge("") == nil)
    }

    /// B8: a cached token's life from `expires_in`/`issued_at`/`expires_at`.
    @Test func tokenLifetimes() {
        let now = HTTPDate.parseRFC3339("2024-05-01T12:00:00Z") ?? 0
        #expect(RegistryClient.lifetime(["expires_in": 1, "issued_at": "2024-05-01T11:59:00Z"], now: now) == 0)
        #expect(RegistryClient.lifetime(["expires_in": 10000, "issued_at": "2024-05-01T12:00:00Z"], now: now) == 10000)
        #expect(RegistryClient.lifetime([:], now: now) == 60)
        #expect(RegistryClient.lifetime(["expires_at": "2024-05-01T13:00:00.000000Z"], now: now) == 3600)
        #expect(RegistryClient.lifetime(["expires_at": "2024-05-01T11:00:00Z"], now: now) == 0)
        #expect(RegistryClient.lifetime(["expires_in": 300], now: now) == 300)
    }

    @Test func credentialsNeverPrintThemselves() {
        let c = Credentials(username: "u", password: "p4ss")
        #expect(!"\(c)".contains("p4ss"))
        #expect(!String(reflecting: c).contains("p4ss"))
    }
}
