import JSON
import ModuleTesting
import RegistryTesting
import Testing

@testable import KeystoneResources
@testable import ModuleKit

/// keystone_resources against an in-memory Identity API: create, no-op rerun, update, check and diff
/// mode, password handling, failures.
@Suite struct KeystoneResourcesTests {
    static let placement: JSONObject = [
        "auth": ["auth_url": "http://127.0.0.1:5000", "password": "s3cret-admin"],
        "services": [
            [
                "name": "placement", "type": "placement", "description": "Placement Service",
                "endpoints": [["interface": "internal", "url": "http://127.0.0.1:8780"], ["interface": "public", "url": "http://127.0.0.1:8780"]],
            ]
        ],
        "projects": [["name": "service"]],
        "users": [["name": "placement", "password": "pl4cement-pw", "default_project": "service"]],
        "roles": ["admin", "member"],
        "role_assignments": [["user": "placement", "role": "admin", "project": "service"]],
        "retries": 3, "delay": 0,
    ]

    /// Validates `args` like the binary and runs the module on `keystone`.
    func run(_ args: JSONObject, _ keystone: FakeKeystone, check: Bool = false, diff: Bool = false) throws -> ModuleResult {
        let outcome = ArgumentValidator(moduleName: "keystone_resources", conversion: TypeConversion(expandPath: { $0 }))
            .validate(args, spec: KeystoneResources.spec, ignoreUnknown: false)
        if let error = outcome.error { throw ModuleFailure(error) }
        let host = Host(checkMode: check, diffMode: diff, moduleName: "keystone_resources", files: MemoryFileSystem())
        return try KeystoneResources.run(Params(outcome.params, spec: KeystoneResources.spec), on: host, transport: keystone)
    }

    @Test func createsWhatIsMissingThenChangesNothing() throws {
        let keystone = FakeKeystone()
        let first = try run(Self.placement, keystone)
        #expect(first.changed)
        #expect(
            keystone.writes == [
                "POST /roles", "POST /projects", "POST /services", "POST /endpoints", "POST /endpoints", "POST /users",
                "PUT /projects/project-2/users/user-6/roles/r-admin",
            ])
        #expect(first.fields["actions"]?.arrayValue?.contains("create service placement (placement)") == true)
        #expect(keystone.passwords["user-6"] == "pl4cement-pw")
        #expect(keystone.collections["users"]?.last?["default_project_id"] == "project-2")
        let endpoints = keystone.collections["endpoints"] ?? []
        #expect(endpoints.map { $0["interface"] } == ["internal", "public"] && endpoints.allSatisfy { $0["region_id"] == "RegionOne" })

        keystone.requests = []
        let second = try run(Self.placement, keystone)
        #expect(!second.changed)
        #expect(keystone.writes.isEmpty)
        #expect(second.fields["actions"] == [])
    }

    @Test func checkModeWritesNothingAndDiffHasNoPassword() throws {
        let keystone = FakeKeystone()
        let result = try run(Self.placement, keystone, check: true, diff: true)
        #expect(result.changed)
        #expect(keystone.writes.isEmpty)
        let after = try #require(result.diff.first?.after.objectValue)
        #expect(after["user/placement"]?.objectValue?["name"] == "placement")
        #expect(!JSONWriter().write(.object(result.json)).contains("pl4cement-pw"))
        #expect(result.fields["actions"]?.arrayValue?.contains("grant role admin to user placement on project service") == true)
    }

    @Test func updatesOnlyWhatDiffers() throws {
        let keystone = FakeKeystone()
        _ = try run(Self.placement, keystone)
        var args = Self.placement
        var service = try #require(args["services"]?.arrayValue?.first?.objectValue)
        service["endpoints"] = [["interface": "internal", "url": "http://127.0.0.1:8781"], ["interface": "public", "url": "http://127.0.0.1:8780"]]
        args["services"] = [.object(service)]
        keystone.requests = []
        let result = try run(args, keystone, diff: true)
        #expect(result.changed)
        #expect(keystone.writes.count == 1 && keystone.writes.first?.hasPrefix("PATCH /endpoints/") == true)
        #expect(result.fields["actions"] == ["update endpoint placement internal RegionOne: url"])
        #expect(result.diff.first?.before.objectValue?["endpoint/placement internal RegionOne"] == ["url": "http://127.0.0.1:8780"])
    }

    @Test func passwordIsResetOnlyWithUpdatePasswordAlways() throws {
        let keystone = FakeKeystone()
        _ = try run(Self.placement, keystone)
        var args = Self.placement
        args["users"] = [["name": "placement", "password": "new-pw", "default_project": "service"]]
        keystone.requests = []
        #expect(try !run(args, keystone).changed)
        #expect(keystone.passwords["user-6"] == "pl4cement-pw")

        args["users"] = [["name": "placement", "password": "new-pw", "default_project": "service", "update_password": "always"]]
        let result = try run(args, keystone, diff: true)
        #expect(result.changed && keystone.passwords["user-6"] == "new-pw")
        #expect(!JSONWriter().write(.object(result.json)).contains("new-pw"))
        keystone.requests = []
        #expect(try !run(args, keystone).changed)
        #expect(keystone.writes.isEmpty)
    }

    @Test func wrongAdminPasswordFailsClearly() throws {
        let keystone = FakeKeystone()
        var args = Self.placement
        args["auth"] = ["auth_url": "http://127.0.0.1:5000/v3/", "password": "not-it"]
        do {
            _ = try run(args, keystone)
            Issue.record("expected a failure")
        } catch let failure as ModuleFailure {
            #expect(failure.msg.contains("refused the credentials of user 'admin'"))
            #expect(failure.extra["status"] == 401)
            #expect(!failure.msg.contains("not-it") && !failure.changed)
        }
        #expect(keystone.requests.first?.url == "http://127.0.0.1:5000/v3/auth/tokens")
    }

    @Test func retriesWhileKeystoneIsStarting() throws {
        let keystone = FakeKeystone()
        keystone.unavailableFor = 2
        #expect(try run(Self.placement, keystone).changed)
    }

    @Test func grantNeedsAKnownRoleAndOneTarget() throws {
        let keystone = FakeKeystone()
        var args = Self.placement
        args["role_assignments"] = [["user": "placement", "role": "admin", "project": "service", "system": "all"]]
        #expect(throws: ModuleFailure.self) { try run(args, keystone) }
        args["role_assignments"] = [["user": "placement", "role": "reader", "project": "service"]]
        do {
            _ = try run(args, keystone)
            Issue.record("expected a failure")
        } catch let failure as ModuleFailure {
            #expect(failure.msg == "role 'reader' does not exist (add it to roles)")
            #expect(failure.changed)  // what was created before stays reported
        }
    }

    /// The real transport (async-http-client), run off the concurrency pool as the binary runs it.
    @Test func unreachableKeystoneFailsWithoutEchoingPasswords() async throws {
        var args = Self.placement
        args["auth"] = ["auth_url": "http://127.0.0.1:9/v3", "password": "s3cret-admin"]
        args["retries"] = 0
        let request = args
        let out = try await offPool { runModule(KeystoneResources.self, args: request) }
        #expect(out["failed"] == true)
        let text = JSONWriter().write(.object(out))
        #expect(text.contains("cannot reach Keystone"))
        #expect(!text.contains("s3cret-admin") && !text.contains("pl4cement-pw"))
    }
}
