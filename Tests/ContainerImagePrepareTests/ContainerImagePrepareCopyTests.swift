import ContainerImagePrepare
import ImageCopy
import ImagePrepare
import JSON
import ModuleKit
import ModuleTesting
import Registry
import RegistryTesting
import Synchronization
import Testing

/// container_image_prepare copying through an in-memory registry pair: results, no-op reruns,
/// check mode, dry run, failures, credentials kept out of every output, modify tasks, tag discovery.
@Suite struct ContainerImagePrepareCopyTests {
    static let source = "source.fake:5000"
    static let target = "target.fake:5001"

    static func environment(_ entry: JSONObject = [:], credentials: JSONValue? = nil) -> JSONValue {
        var first: JSONObject = [
            "push_destination": .string(target), "includes": ["openstack-keystone:", "glance-api"],
            "set": ["namespace": .string("\(source)/t"), "name_prefix": "openstack-", "tag": "1", "ceph_images": false],
        ]
        for (key, value) in entry { first[key] = value }
        var pd: JSONObject = ["ContainerImagePrepare": [.object(first)]]
        if let credentials { pd["ContainerImageRegistryCredentials"] = credentials }
        return .object(["parameter_defaults": .object(pd)])
    }

    static func seeded(targetAuth: FakeNetwork.Auth = .none) -> FakeNetwork {
        let network = FakeNetwork(registries: [source, target])
        network.configure(target) { $0.auth = targetAuth }
        for (i, name) in ["keystone", "glance-api"].enumerated() {
            TestImage(layers: [TestImage.layer(1), TestImage.layer(10 + i)], labels: [("version", "1")])
                .push(to: network, host: source, repo: "t/openstack-\(name)", tag: "1")
        }
        return network
    }

    func run(
        _ args: JSONObject, network: FakeNetwork, check: Bool = false, files: MemoryFileSystem = MemoryFileSystem(directories: ["/tmp"]),
        modifier: (any ImageModifier)? = nil
    ) async throws -> ModuleResult {
        var values = JSONObject()
        for p in ContainerImagePrepare.spec.params { if let d = p.defaultValue { values[p.name] = d } }
        for (key, value) in args { values[key] = value }
        values["insecure_registries"] = [.string(Self.source), .string(Self.target)]
        let host = Host(checkMode: check, moduleName: "container_image_prepare", files: files)
        let access = RegistryAccess(transport: network, modifier: modifier, retry: SleepRecorder().policy, probeUnknown: false)
        let params = Params(values, spec: ContainerImagePrepare.spec)
        return try await offPool { try ContainerImagePrepare.run(params, on: host, registries: .given(access)) }
    }

    @Test func copiesThenReportsPresent() async throws {
        let network = Self.seeded()
        let first = try await run(["environment": Self.environment()], network: network)
        #expect(first.changed)
        let copies = try #require(first.fields["copies"]?.arrayValue)
        #expect(copies.count == 2)
        #expect(copies.allSatisfy { $0.objectValue?["status"] == "copied" })
        let keystone = try #require(copies.first { $0.objectValue?["source"] == .string("\(Self.source)/t/openstack-keystone:1") }?.objectValue)
        #expect(keystone["target"] == .string("\(Self.target)/t/openstack-keystone:1"))
        let stats = try #require(first.fields["copy_stats"]?.objectValue)
        #expect(stats["copied"] == 2 && stats["failed"] == 0)
        #expect(stats["blobs_uploaded"].flatMap(\.intValue).map { $0 + (stats["blobs_mounted"]?.intValue ?? 0) } == 6)
        #expect(stats["blobs_mounted"] == 2)  // the shared base layer and the identical config
        let second = try await run(["environment": Self.environment()], network: network)
        #expect(!second.changed)
        #expect(second.fields["copies"]?.arrayValue?.allSatisfy { $0.objectValue?["status"] == "present" } == true)
    }

    @Test func checkModeReadsManifestsOnly() async throws {
        let network = Self.seeded()
        let result = try await run(["environment": Self.environment()], network: network, check: true)
        #expect(result.changed)
        #expect(result.fields["copies"]?.arrayValue?.count == 2)
        #expect(network.log.allSatisfy { ($0.method == "GET" || $0.method == "HEAD") && $0.path.contains("/manifests/") })
    }

    @Test func dryRunOpensNoConnection() async throws {
        let network = Self.seeded()
        let result = try await run(["environment": Self.environment(), "dry_run": true], network: network)
        #expect(result.fields["copies"] == [])
        #expect(network.log.isEmpty)
    }

    @Test func aFailedImageFailsTheTaskNamingIt() async throws {
        let network = Self.seeded()
        let env = Self.environment(["includes": ["openstack-keystone:", "glance-api", "nova-api"]])
        let files = MemoryFileSystem(directories: ["/tmp"])
        do {
            _ = try await run(["environment": env, "output_env_file": "/tmp/images.yaml"], network: network, files: files)
            Issue.record("expected a failure")
        } catch let failure as ModuleFailure {
            #expect(failure.msg.contains("1 of 3 image(s) failed to copy: \(Self.source)/t/openstack-nova-api:1"))
            #expect(failure.changed, "keystone and glance-api were copied before the failure")
            #expect(failure.extra["copies"]?.arrayValue?.count == 3)
            #expect(failure.extra["params"] != nil)
            #expect(files.text("/tmp/images.yaml") == nil)
        }
    }

    /// A failed run that wrote nothing did not change anything; one that copied other images did.
    @Test func aFailedRunIsChangedOnlyWhenSomethingWasCopied() async throws {
        let network = Self.seeded()
        let missing = Self.environment(["includes": ["nova-api"]])
        do {
            _ = try await run(["environment": missing], network: network)
            Issue.record("expected a failure")
        } catch let failure as ModuleFailure {
            #expect(!failure.changed)
            #expect(failure.extra["copy_stats"]?.objectValue?["failed"] == 1)
        }
        let both = Self.environment(["includes": ["openstack-keystone:", "nova-api"]])
        let object = try await offPool { runModule(Wrapper.self, args: ["environment": both], files: MemoryFileSystem(directories: ["/tmp"])) }
        #expect(object["failed"] == true)
        #expect(object["changed"] == true)
    }

    /// The module over this suite's registries, run through `ModuleExecution` like Ansible runs it.
    enum Wrapper: AnsibleModule {
        static let name = "container_image_prepare"
        static let summary = ""
        static var spec: ModuleSpec { ContainerImagePrepare.spec }
        static func run(_ params: Params, on host: Host) throws -> ModuleResult {
            let access = RegistryAccess(transport: seeded(), retry: SleepRecorder().policy, probeUnknown: false)
            var values = params.values
            values["insecure_registries"] = [.string(source), .string(target)]
            return try ContainerImagePrepare.run(Params(values, spec: ContainerImagePrepare.spec), on: host, registries: .given(access))
        }
    }

    @Test func modifyTasksNeedTheModifier() async throws {
        let network = Self.seeded()
        let env = Self.environment(["modify_role": "add-foo", "modify_append_tag": "-mod", "includes": ["openstack-keystone:"]])
        await #expect(throws: ModuleFailure.self) { try await run(["environment": env], network: network) }
        let recorder = Recorder()
        let result = try await run(["environment": env], network: network, modifier: recorder)
        let copy = try #require(result.fields["copies"]?.arrayValue?.first?.objectValue)
        #expect(copy["target"] == .string("\(Self.target)/t/openstack-keystone:1-mod"))
        #expect(
            recorder.seen.withLock { $0 } == [
                ModifyRequest(
                    role: "add-foo", vars: nil, sourceImage: "\(Self.target)/t/openstack-keystone:1",
                    targetImage: "\(Self.target)/t/openstack-keystone:1-mod", appendTag: "-mod")
            ])
    }

    /// `tag_from_label` against the registry: tags and config labels read through the client.
    @Test func tagFromLabelReadsTheRegistry() async throws {
        let network = FakeNetwork(registries: [Self.source, Self.target])
        TestImage(layers: [TestImage.layer(1)], labels: [("rdo_version", "2.0-7")]).push(
            to: network, host: Self.source, repo: "t/openstack-keystone", tag: "current")
        TestImage(layers: [TestImage.layer(1)], labels: [("rdo_version", "2.0-7")]).push(
            to: network, host: Self.source, repo: "t/openstack-keystone", tag: "2.0-7")
        let env: JSONValue = [
            "parameter_defaults": [
                "ContainerImagePrepare": [
                    [
                        "tag_from_label": "rdo_version", "includes": ["openstack-keystone:"],
                        "set": ["namespace": .string("\(Self.source)/t"), "name_prefix": "openstack-", "tag": "current"],
                    ]
                ]
            ]
        ]
        var entry = env.objectValue?["parameter_defaults"]?.objectValue?["ContainerImagePrepare"]?.arrayValue?.first?.objectValue ?? [:]
        entry["set"] = ["namespace": .string("\(Self.source)/t"), "name_prefix": "openstack-"]
        let noTag: JSONValue = ["parameter_defaults": ["ContainerImagePrepare": [.object(entry)]]]
        let result = try await run(["environment": noTag, "dry_run": true], network: network)
        let params = result.fields["params"]?.objectValue?["parameter_defaults"]?.objectValue
        #expect(params?["ContainerKeystoneImage"] == .string("\(Self.source)/t/openstack-keystone:2.0-7"))
    }

    /// `tag_from_label` then copy: the source manifest and config read for the label are reused by
    /// the copy (a HEAD confirms the label's tag names the same manifest; no tag list); a no-op
    /// rerun makes two source requests and one destination request per image.
    @Test func tagFromLabelThenCopyReadsEachThingOnce() async throws {
        let network = FakeNetwork(registries: [Self.source, Self.target])
        let image = TestImage(layers: [TestImage.layer(1), TestImage.layer(2)], labels: [("rdo_version", "2.0-7")])
        image.push(to: network, host: Self.source, repo: "t/openstack-keystone", tag: "current-tripleo")  // the map's tag
        image.push(to: network, host: Self.source, repo: "t/openstack-keystone", tag: "2.0-7")
        let configDigest = network.seedBlob(image.config, host: Self.source, repo: "t/openstack-keystone")
        let set: JSONValue = ["namespace": .string("\(Self.source)/t"), "name_prefix": "openstack-", "ceph_images": false]  // no tag: discovery runs
        let labelled = Self.environment(["tag_from_label": "rdo_version", "includes": ["openstack-keystone:"], "set": set])
        let first = try await run(["environment": labelled], network: network)
        #expect(first.fields["copies"]?.arrayValue?.first?.objectValue?["target"] == .string("\(Self.target)/t/openstack-keystone:2.0-7"))
        let reads = network.log.filter { $0.host == Self.source }.map { "\($0.method) \($0.path)" }
        #expect(!reads.contains { $0.contains("/tags/list") }, "\(reads)")
        #expect(
            reads.filter { $0.hasPrefix("GET") && $0.contains("/manifests/") } == ["GET /v2/t/openstack-keystone/manifests/current-tripleo"],
            "\(reads)")
        #expect(reads.filter { $0.hasPrefix("HEAD") } == ["HEAD /v2/t/openstack-keystone/manifests/2.0-7"], "\(reads)")
        #expect(Set(reads.filter { $0.contains("/blobs/") }).count == reads.filter { $0.contains("/blobs/") }.count, "a blob read twice: \(reads)")
        #expect(reads.filter { $0.contains("/blobs/") }.count == 3, "config + 2 layers: \(reads)")
        let before = network.log.count
        let again = try await run(["environment": labelled], network: network)
        #expect(!again.changed)
        let rerun = network.log.dropFirst(before).map { "\($0.host) \($0.method) \($0.path)" }
        #expect(
            rerun == [
                "\(Self.source) GET /v2/t/openstack-keystone/manifests/current-tripleo",
                "\(Self.source) GET /v2/t/openstack-keystone/blobs/\(configDigest)",
                "\(Self.source) HEAD /v2/t/openstack-keystone/manifests/2.0-7", "\(Self.target) HEAD /v2/t/openstack-keystone/manifests/2.0-7",
            ], "\(rerun)")
    }

    /// The label names a tag the repository does not have: the tag list is read after all, and the
    /// message lists the available tags (tripleo-common's).
    @Test func tagFromLabelNamingAMissingTagListsTheTags() async throws {
        let network = FakeNetwork(registries: [Self.source, Self.target])
        TestImage(layers: [TestImage.layer(1)], labels: [("rdo_version", "9.9")])
            .push(to: network, host: Self.source, repo: "t/openstack-keystone", tag: "current-tripleo")
        let env: JSONValue = [
            "parameter_defaults": [
                "ContainerImagePrepare": [
                    [
                        "tag_from_label": "rdo_version", "includes": ["openstack-keystone:"],
                        "set": ["namespace": .string("\(Self.source)/t"), "name_prefix": "openstack-"],
                    ]
                ]
            ]
        ]
        do {
            _ = try await run(["environment": env, "dry_run": true], network: network)
            Issue.record("expected a failure")
        } catch let failure as ModuleFailure {
            #expect(failure.msg.contains("has no tag 9.9.\nAvailable tags: current-tripleo"), "\(failure.msg)")
        }
        #expect(network.log.contains { $0.path.hasSuffix("/tags/list") })
    }
}

/// Credentials through the whole module execution (what Ansible prints): never in the result,
/// the failure message, or the log file.
@Suite struct ContainerImagePrepareSecretTests {
    static let password = "Pa55-word-7q"

    /// The module with the in-memory registries of this suite.
    enum Wrapped: SecretBearingModule {
        static let name = "container_image_prepare"
        static let summary = ""
        static var spec: ModuleSpec { ContainerImagePrepare.spec }
        static func secrets(in params: JSONObject) -> Set<String> { ContainerImagePrepare.secrets(in: params) }
        static func run(_ params: Params, on host: Host) throws -> ModuleResult {
            let network = ContainerImagePrepareCopyTests.seeded(targetAuth: .basic(user: "admin", password: password))
            return try ContainerImagePrepare.run(
                params, on: host, registries: .given(RegistryAccess(transport: network, retry: SleepRecorder().policy, probeUnknown: false)))
        }
    }

    func execute(password given: String, files: MemoryFileSystem) async throws -> String {
        let env = ContainerImagePrepareCopyTests.environment(
            credentials: .object([ContainerImagePrepareCopyTests.target: .object(["admin": .string(given)])]))
        let args: JSONObject = [
            "environment": env, "log_file": "/tmp/prepare.log", "debug": true,
            "insecure_registries": [.string(ContainerImagePrepareCopyTests.source), .string(ContainerImagePrepareCopyTests.target)],
        ]
        return try await offPool { JSONWriter().write(.object(runModule(Wrapped.self, args: args, files: files))) }
    }

    @Test func rightPasswordNeverAppears() async throws {
        let files = MemoryFileSystem(directories: ["/tmp"])
        let out = try await execute(password: Self.password, files: files)
        #expect(out.contains("\"status\": \"copied\""), "\(out)")
        #expect(!out.contains(Self.password))
        #expect(!out.contains(TestBase64.encode("admin:\(Self.password)")))
        #expect(files.text("/tmp/prepare.log").map { !$0.contains(Self.password) } == true)
    }

    @Test func wrongPasswordFailsWithoutShowingIt() async throws {
        let files = MemoryFileSystem(directories: ["/tmp"])
        let wrong = "Wr0ng-pass-99"
        let out = try await execute(password: wrong, files: files)
        #expect(out.contains("\"failed\": true"))
        #expect(out.contains("rejected the username and password"))
        #expect(!out.contains(wrong))
        #expect(!out.contains(TestBase64.encode("admin:\(wrong)")))
        #expect(files.text("/tmp/prepare.log").map { !$0.contains(wrong) } ?? true)
    }
}

final class Recorder: ImageModifier {
    let seen = Mutex<[ModifyRequest]>([])
    func modify(_ request: ModifyRequest) async throws { seen.withLock { $0.append(request) } }
}
