import ContainerImagePrepare
import ImagePrepare
import JSON
import ModuleKit
import ModuleTesting
import Registry
import RegistryTesting
import Synchronization
import Testing

/// `DockerInsecureRegistryAddress` as tripleo-common decides it: the push destinations probed (HTTPS
/// failing twice → plain http → insecure; failing only with verification → insecure; answering → secure),
/// once per host per run, also in dry_run and check mode; `insecure_registries` forces a host; the
/// registries tripleo-common knows to be secure are never probed.
@Suite struct ContainerImagePrepareProbeTests {
    typealias Copy = ContainerImagePrepareCopyTests
    static let plain = "plain.fake:8787"
    static let selfSigned = "selfsigned.fake:8443"
    static let verified = "verified.fake:443"

    /// The fake registries behind TLS as a real client sees them: https to a plain-http registry fails the
    /// handshake; to a self-signed one it fails only when the certificate is verified. Records every URL.
    final class Wall: RegistryTransport {
        let network: FakeNetwork
        let urls = Mutex<[String]>([])
        init(_ network: FakeNetwork) { self.network = network }
        func send(_ request: TransportRequest) async throws -> TransportResponse {
            urls.withLock { $0.append(request.url) }
            let host = URLPartsLite.host(request.url)
            if request.url.hasPrefix("https://") {
                if host == plain { throw TransportError.tls("wrong version number (fake)") }
                if host == selfSigned && request.verifyCertificate { throw TransportError.tls("certificate verify failed (fake)") }
            }
            return try await network.send(request)
        }

        /// Requests to `host` (`https` only: the probes and anything else over TLS).
        func count(_ host: String, https: Bool = false) -> Int {
            urls.withLock { $0 }.filter { URLPartsLite.host($0) == host && (!https || $0.hasPrefix("https://")) }.count
        }
    }

    static func entry(_ destination: String, _ include: String = "openstack-keystone:") -> JSONValue {
        [
            "push_destination": .string(destination), "includes": [.string(include)],
            "set": ["namespace": .string("\(Copy.source)/t"), "name_prefix": "openstack-", "tag": "1", "ceph_images": false],
        ]
    }

    static func environment(_ entries: JSONValue...) -> JSONValue {
        ["parameter_defaults": ["ContainerImagePrepare": .array(entries)]]
    }

    func run(_ args: JSONObject, wall: Wall, check: Bool = false, insecure: [String] = [Copy.source]) async throws -> ModuleResult {
        var values = JSONObject()
        for p in ContainerImagePrepare.spec.params { if let d = p.defaultValue { values[p.name] = d } }
        for (key, value) in args { values[key] = value }
        values["insecure_registries"] = .array(insecure.map(JSONValue.string))
        let host = Host(checkMode: check, moduleName: "container_image_prepare", files: MemoryFileSystem(directories: ["/tmp"]))
        let access = RegistryAccess(transport: wall, retry: SleepRecorder().policy)
        let params = Params(values, spec: ContainerImagePrepare.spec)
        return try await offPool { try ContainerImagePrepare.run(params, on: host, registries: .given(access)) }
    }

    static func insecure(_ result: ModuleResult) -> JSONValue? {
        result.fields["params"]?.objectValue?["parameter_defaults"]?.objectValue?["DockerInsecureRegistryAddress"]
    }

    @Test func aPlainHTTPPushDestinationIsProbedOnceAndListedInDryRun() async throws {
        let wall = Wall(Copy.seeded())
        let env = Self.environment(Self.entry(Self.plain), Self.entry(Self.plain, "glance-api"))
        let result = try await run(["environment": env, "dry_run": true], wall: wall)
        #expect(Self.insecure(result) == [.string(Self.plain)])
        // https verified, then unverified, both failing; not again for entry 2; the source is not probed.
        #expect(wall.urls.withLock { $0 } == ["https://\(Self.plain)/v2/", "https://\(Self.plain)/v2/"])
    }

    @Test func aSelfSignedDestinationIsInsecureAVerifiedOneIsNot() async throws {
        let wall = Wall(Copy.seeded())
        let env = Self.environment(Self.entry(Self.selfSigned), Self.entry(Self.verified, "glance-api"))
        let result = try await run(["environment": env, "dry_run": true], wall: wall)
        // Entry 2 (last) lists no host, so entry 1's list stands, as tripleo-common merges the entries.
        #expect(Self.insecure(result) == [.string(Self.selfSigned)])
        #expect(wall.count(Self.selfSigned) == 2 && wall.count(Self.verified) == 1)
        let alone = try await run(["environment": Self.environment(Self.entry(Self.verified)), "dry_run": true], wall: Wall(Copy.seeded()))
        #expect(Self.insecure(alone) == nil)
    }

    @Test func forcedAndKnownSecureRegistriesAreNeverProbed() async throws {
        let wall = Wall(Copy.seeded())
        let env = Self.environment(Self.entry(Self.plain), Self.entry("docker.io", "glance-api"), Self.entry("registry.redhat.io", "nova-api"))
        let result = try await run(["environment": env, "dry_run": true], wall: wall, insecure: [Copy.source, Self.plain, "docker.io"])
        #expect(Self.insecure(result) == [.string(Self.plain)])
        #expect(wall.urls.withLock { $0 }.isEmpty)
    }

    @Test func checkModeProbesToo() async throws {
        let network = Copy.seeded()
        network.configure(Self.plain) { _ in }
        let wall = Wall(network)
        let result = try await run(["environment": Self.environment(Self.entry(Self.plain))], wall: wall, check: true)
        #expect(Self.insecure(result) == [.string(Self.plain)])
        #expect(result.fields["copies"]?.arrayValue?.first?.objectValue?["status"] == "copied")
        #expect(wall.count(Self.plain, https: true) == 2)
    }

    @Test func theCopyReusesTheProbe() async throws {
        let network = Copy.seeded()
        network.configure(Self.plain) { _ in }
        let wall = Wall(network)
        let result = try await run(["environment": Self.environment(Self.entry(Self.plain))], wall: wall)
        #expect(Self.insecure(result) == [.string(Self.plain)])
        #expect(result.fields["copy_stats"]?.objectValue?["copied"] == 1)
        #expect(network.manifest(host: Self.plain, repo: "t/openstack-keystone", reference: "1") != nil)
        #expect(wall.count(Self.plain, https: true) == 2)  // the probe's; the copy spoke http
        #expect(wall.count(Self.plain) > 2)
    }
}
