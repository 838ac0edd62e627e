import DockerEngine
import EngineTesting
import HTTP
import ImageCopy
import JSON
import ModuleKit
import ModuleTesting
import Testing

@testable import ModifyImage

private let sourceInspect = #"{"Id":"sha256:aaa","Config":{"User":"nova","Labels":{}}}"#

private func host(check: Bool = false, diff: Bool = false) -> Host {
    Host(checkMode: check, diffMode: diff, moduleName: "modify_image", files: MemoryFileSystem())
}

private let packages = MemoryInputFiles(["/p/a.deb": "A"])

@Suite struct ModifyImageModuleTests {
    @Test func existingTargetIsNotRebuilt() throws {
        let fake = FakeTransport([.json(sourceInspect), .json(#"{"Id":"sha256:bbb"}"#)])
        let args = try arguments(["tasks_from": "rpm_install", "rpms_path": "/p", "modified_append_tag": "-hot"])
        let result = try ModifyImage.run(args, on: host(), engine: EngineClient(transport: fake), files: packages)
        #expect(!result.changed)
        #expect(result.fields["exists"] == .bool(true))
        #expect(
            fake.lines == [
                "GET /v1.41/images/127.0.0.1:5200/ns/nova-api:1/json", "GET /v1.41/images/127.0.0.1:5200/ns/nova-api:1-hot/json",
            ])
    }

    @Test func pushTargetsAreLookedUpInTheRegistry() throws {
        let fake = FakeTransport([.json(sourceInspect), .json(500, #"{"message":"manifest unknown: manifest unknown"}"#)])
        let args = try arguments(["tasks_from": "rpm_install", "rpms_path": "/p", "modified_append_tag": "-hot", "push": true])
        let result = try ModifyImage.run(args, on: host(check: true), engine: EngineClient(transport: fake), files: packages)
        #expect(result.changed)
        #expect(fake.lines.last == "GET /v1.41/distribution/127.0.0.1:5200/ns/nova-api:1-hot/json")
        #expect(
            result.fields["actions"]
                == .array([
                    "Would build 127.0.0.1:5200/ns/nova-api:1-hot from 127.0.0.1:5200/ns/nova-api:1", "Would push 127.0.0.1:5200/ns/nova-api:1-hot",
                ]))
    }

    @Test func checkModeBuildsNothingAndReturnsTheDockerfile() throws {
        let fake = FakeTransport([.json(sourceInspect), .status(404)])
        let args = try arguments(["tasks_from": "rpm_install", "rpms_path": "/p", "modified_append_tag": "-hot"])
        let result = try ModifyImage.run(args, on: host(check: true, diff: true), engine: EngineClient(transport: fake), files: packages)
        #expect(result.changed)
        #expect(fake.requests.allSatisfy { $0.method == .get })
        #expect(result.fields["dockerfile"]?.stringValue?.hasSuffix("USER \"nova\"\n") == true)
        #expect(result.diff.first?.after == result.fields["dockerfile"])
    }

    @Test func forceRebuildsAndBuildErrorsFailClearly() throws {
        let stream =
            #"{"stream":"Step 1/5 : FROM x\n"}"# + "\n" + #"{"stream":"Hunk #1 FAILED at 3.\n"}"# + "\n"
            + #"{"errorDetail":{"code":1,"message":"The command '/bin/sh -c x' returned a non-zero code: 1"},"error":"The command '/bin/sh -c x' returned a non-zero code: 1"}"#
            + "\n"
        let fake = FakeTransport([.json(sourceInspect), .json(stream, pieceSize: 7)])
        let args = try arguments(["tasks_from": "rpm_install", "rpms_path": "/p", "modified_append_tag": "-hot", "force": true])
        #expect {
            try ModifyImage.run(args, on: host(), engine: EngineClient(transport: fake), files: packages)
        } throws: { error in
            let message = (error as? ModuleFailure)?.msg ?? ""
            return message.hasPrefix("building 127.0.0.1:5200/ns/nova-api:1-hot failed: The command '/bin/sh -c x' returned a non-zero code: 1")
                && message.contains("Hunk #1 FAILED at 3.")
        }
        let build = try #require(fake.requests.last)
        #expect(build.target.hasPrefix("/v1.41/build?t=127.0.0.1%3A5200%2Fns%2Fnova-api%3A1-hot&dockerfile=Dockerfile&networkmode=host"))
        #expect(build.headers["Content-Type"] == "application/x-tar")
        #expect(build.body.count % 512 == 0)
    }

    @Test func buildAndPushReportIdAndDigest() throws {
        let build = #"{"stream":"Successfully built 0123abcd\n"}"# + "\n" + #"{"aux":{"ID":"sha256:0123abcd"}}"# + "\n"
        let push =
            #"{"status":"The push refers to repository [127.0.0.1:5200/ns/nova-api]"}"# + "\n"
            + #"{"progressDetail":{},"aux":{"Tag":"1-hot","Digest":"sha256:feed","Size":528}}"# + "\n"
        let fake = FakeTransport([.json(sourceInspect), .json(500, #"{"message":"manifest unknown"}"#), .json(build), .json(push)])
        let args = try arguments(["tasks_from": "rpm_install", "rpms_path": "/p", "modified_append_tag": "-hot", "push": true])
        let result = try ModifyImage.run(args, on: host(), engine: EngineClient(transport: fake), files: packages)
        #expect(result.changed)
        #expect(result.fields["image_id"] == .string("sha256:0123abcd"))
        #expect(result.fields["digest"] == .string("sha256:feed"))
        #expect(result.fields["pushed"] == .bool(true))
        let pushRequest = try #require(fake.requests.last)
        #expect(pushRequest.target == "/v1.41/images/127.0.0.1:5200/ns/nova-api/push?tag=1-hot")
        #expect(pushRequest.headers["X-Registry-Auth"] != nil)
    }

    @Test func pushErrorsFailClearly() throws {
        let push = #"{"errorDetail":{"message":"unauthorized: authentication required"},"error":"unauthorized: authentication required"}"# + "\n"
        let fake = FakeTransport([
            .json(sourceInspect), .json(500, #"{"message":"manifest unknown"}"#), .json(#"{"aux":{"ID":"sha256:1"}}"#), .json(push),
        ])
        let args = try arguments(["tasks_from": "rpm_install", "rpms_path": "/p", "push": true])
        #expect(throws: ModuleFailure.self) {
            try ModifyImage.run(args, on: host(), engine: EngineClient(transport: fake), files: packages)
        }
    }

    @Test func unreachableRegistryIsAnErrorNotAbsence() throws {
        let fake = FakeTransport([.json(sourceInspect), .json(500, #"{"message":"Get \"https://r/v2/\": dial tcp: connection refused"}"#)])
        let args = try arguments(["tasks_from": "rpm_install", "rpms_path": "/p", "push": true])
        #expect(throws: ModuleFailure.self) {
            try ModifyImage.run(args, on: host(), engine: EngineClient(transport: fake), files: packages)
        }
    }

    @Test func specValidationNamesTheParameter() {
        let result = runModule(ModifyImage.self, args: ["tasks_from": "bogus.yml", "source_image": "x"])
        #expect(result["failed"] == .bool(true))
        #expect(result["msg"]?.stringValue?.contains("tasks_from") == true)
        let noSource = runModule(ModifyImage.self, args: ["source_image": ""])
        #expect(noSource["msg"]?.stringValue == "source_image: must be a non-empty image reference")
    }

    @Test func registryPasswordNeverAppears() {
        let result = runModule(ModifyImage.self, args: ["source_image": "x", "registry_password": "s3cret-pw", "docker_host": "tcp://127.0.0.1:1"])
        #expect(!JSONWriter().write(.object(result)).contains("s3cret-pw"))
    }

    @Test func hotfixCommandLineIsParsed() {
        #expect(
            HotfixCommand.parse(["--image", "a:1", "--image=b:2", "--rpms-path", "/p", "--tag", "hf1"])
                == .success(.init(images: ["a:1", "b:2"], rpmsPath: "/p", tag: "hf1", check: false)))
        #expect(HotfixCommand.parse(["--rpms-path", "/p"]) == .failure("hotfix: --image is required (repeat it for several images)"))
        #expect(HotfixCommand.parse(["--image", "a", "--bogus"]) != .failure(""))
        #expect(ModifyImage.subcommands.map(\.name) == ["hotfix"])
        let output = ModuleRunner.reply(to: ["/usr/bin/overcloud-deploy", "modify_image", "hotfix", "--image", "x"], modules: [ModifyImage.self])
        #expect(output.status == 1)
        #expect(output.stdout.contains("--rpms-path is required"))
    }
}

@Suite struct ModifyImageModifierTests {
    @Test func modifyVarsBecomeModuleArgumentsWithTheFourKeysFixed() throws {
        let request = ModifyRequest(
            role: "tripleo-modify-image",
            vars: .object(["tasks_from": "rpm_install.yml", "rpms_path": "/p", "source_image": "ignored", "yum_cache": "/c"]),
            sourceImage: "r:1/ns/nova-compute:current-tripleo", targetImage: "r:1/ns/nova-compute:current-tripleo-hotfix", appendTag: "-hotfix")
        let object = try ModifyImageModifier.arguments(for: request, dockerHost: nil)
        #expect(object["tasks_from"] == "rpm_install.yml")
        #expect(object["source_image"] == "r:1/ns/nova-compute:current-tripleo")
        #expect(object["target_image"] == "r:1/ns/nova-compute:current-tripleo")
        #expect(object["modified_append_tag"] == "-hotfix")
        #expect(object["push"] == .bool(true))
        #expect(object["_ansible_ignore_unknown_opts"] == .bool(true))
        let args = try Arguments(Params(object, spec: ModifyImage.spec))
        #expect(try args.targetReference() == request.targetImage)
    }

    @Test func otherRolesAreRefused() {
        let request = ModifyRequest(role: "my-role", vars: nil, sourceImage: "a:1", targetImage: "a:1-x", appendTag: "-x")
        #expect(throws: ModifyFailure.self) { try ModifyImageModifier.arguments(for: request, dockerHost: nil) }
    }
}
