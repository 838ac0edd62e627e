import DockerEngine
import EngineTesting
import HTTP
import JSON
import ModuleKit
import Testing

@testable import ImageBuild

/// Context files in memory.
struct MemoryContextFiles: ContextFiles {
    var files: [String: String]
    func read(_ path: String) throws -> (bytes: [UInt8], permissions: UInt32)? {
        files[path].map { (Array($0.utf8), 0o644) }
    }
}

private let planJSON = #"""
    {"tag": "one", "maintainer": "m", "labels": {"version": "zed", "release": "1"}, "build_args": {}, "created": "2026-12-07T05:00:00Z",
     "images": [
      {"name": "base", "canonical": "t/base:one", "parent": null, "from": "bb:1", "context": "/w/base", "files": ["Dockerfile"], "status": "matched"},
      {"name": "child", "canonical": "t/child:one", "parent": "base", "from": "t/base:one", "context": "/w/child", "files": ["Dockerfile", "x.sh"], "status": "matched"},
      {"name": "broken", "canonical": "t/broken:one", "parent": "base", "context": "/w/broken", "files": [], "status": "failed", "error": "template error: boom"},
      {"name": "left", "canonical": "t/left:one", "parent": null, "context": "/w/left", "files": [], "status": "unmatched"}
     ]}
    """#

private let files = MemoryContextFiles(files: [
    "/w/base/Dockerfile": "FROM bb:1\nRUN true\n", "/w/child/Dockerfile": "FROM t/base:one\nRUN false\n", "/w/child/x.sh": "echo\n",
])

private let notFound = FakeTransport.Reply.json(404, #"{"message":"No such image"}"#)
private let noTwin = FakeTransport.Reply.json("[]")  // no other tag of the repository has the same content

private func plan() throws -> BuildPlan { try BuildPlan.parse(try JSONParser().parse(planJSON)) }

private func host(check: Bool = false) -> Host { Host(checkMode: check, moduleName: "image_build", files: LocalFileSystem()) }

private func entries(_ result: ModuleResult) -> [String: JSONObject] {
    var map: [String: JSONObject] = [:]
    for item in result.fields["images"]?.arrayValue ?? [] {
        if let object = item.objectValue, let name = object["name"]?.stringValue { map[name] = object }
    }
    return map
}

@Suite struct BuildRunTests {
    @Test func aFailingRunIsReportedWithItsOutputAndRenderFailuresSkipNothingElse() throws {
        let fake = FakeTransport([
            notFound,  // the external base bb:1 (hash input)
            notFound, noTwin, .json(#"{"stream":"Step 1/2 : FROM bb:1\n"}"# + "\n" + #"{"aux":{"ID":"sha256:b1"}}"# + "\n"),
            notFound, noTwin,
            .json(
                #"{"stream":"Step 2/2 : RUN false\n"}"# + "\n"
                    + #"{"errorDetail":{"message":"returned a non-zero code: 1"},"error":"The command '/bin/sh -c false' returned a non-zero code: 1"}"#
                    + "\n"),
        ])
        let result = try ImageBuild.run(try plan(), args: BuildArguments(), host: host(), engine: EngineClient(transport: fake), files: files)
        let images = entries(result)
        #expect(result.failed)
        #expect(result.changed)
        #expect(images["base"]?["status"] == .string("built"))
        #expect(images["base"]?["id"] == .string("sha256:b1"))
        #expect(images["child"]?["status"] == .string("failed"))
        #expect(images["child"]?["output_tail"]?.arrayValue?.contains(.string("Step 2/2 : RUN false")) == true)
        #expect(images["broken"]?["status"] == .string("failed"))
        #expect(images["broken"]?["reason"] == .string("template error: boom"))
        #expect(images["left"] == nil)
        #expect(result.fields["not_matched"] == .array([.string("left")]))
        #expect(result.msg?.contains("child: building t/child:one failed") == true)
        // The build carried the labels tag_from_label reads and the content hash.
        let build = fake.requests.first { $0.target.contains("/build?") }?.target ?? ""
        #expect(build.contains("networkmode=host"))
        #expect(fake.unused == 0)
    }

    @Test func checkModeBuildsNothingAndAnUnchangedHashIsNotRebuilt() throws {
        let check = FakeTransport([notFound, notFound, noTwin, notFound, noTwin])
        let planned = try ImageBuild.run(
            try plan(), args: BuildArguments(), host: host(check: true), engine: EngineClient(transport: check), files: files)
        #expect(planned.fields["would_build"] == .array([.string("base"), .string("child")]))
        #expect(!check.lines.contains { $0.hasPrefix("POST") })
        let hashes = entries(planned).compactMapValues { $0["hash"]?.stringValue }
        let baseHash = try #require(hashes["base"])
        let childHash = try #require(hashes["child"])
        #expect(baseHash != childHash)
        let same = FakeTransport([
            notFound,
            .json(#"{"Id":"sha256:b1","Config":{"Labels":{"org.overcloud.image-build.hash":"\#(baseHash)"}}}"#),
            .json(#"{"Id":"sha256:c1","Config":{"Labels":{"org.overcloud.image-build.hash":"\#(childHash)"}}}"#),
        ])
        let rerun = try ImageBuild.run(try plan(), args: BuildArguments(), host: host(), engine: EngineClient(transport: same), files: files)
        #expect(rerun.fields["unchanged"] == .array([.string("base"), .string("child")]))
        #expect(rerun.fields["built"] == .array([]))
        #expect(rerun.fields["actions"] == .array([]))
        #expect(!same.lines.contains { $0.hasPrefix("POST") })
    }

    @Test func theHashFollowsContentParentsAndLabelsButNotTimes() throws {
        func hashes(_ files: MemoryContextFiles, _ mutate: (inout BuildPlan) -> Void = { _ in }) throws -> [String: String] {
            var plan = try plan()
            mutate(&plan)
            let fake = FakeTransport([notFound, notFound, noTwin, notFound, noTwin])
            let result = try ImageBuild.run(
                plan, args: BuildArguments(), host: host(check: true), engine: EngineClient(transport: fake), files: files)
            return entries(result).compactMapValues { $0["hash"]?.stringValue }
        }
        let first = try hashes(files)
        #expect(try hashes(files) == first)
        #expect(try hashes(files) { $0.created = "2030-01-01T00:00:00Z" } == first)
        var edited = files
        edited.files["/w/base/Dockerfile"] = "FROM bb:1\nRUN true \n"
        let afterEdit = try hashes(edited)
        #expect(afterEdit["base"] != first["base"])
        #expect(afterEdit["child"] != first["child"])  // the parent's hash is part of the child's
        // Per-tag labels go on leaves only: a parent hashes the same under every tag.
        let release = try hashes(files) {
            $0.labels["release"] = "2"
            $0.tag = "two"
        }
        #expect(release["base"] == first["base"])
        #expect(release["child"] != first["child"])
    }

    @Test func theSameContentUnderAnotherTagIsTaggedNotRebuilt() throws {
        let check = FakeTransport([notFound, notFound, noTwin, notFound, noTwin])
        let planned = try ImageBuild.run(
            try plan(), args: BuildArguments(), host: host(check: true), engine: EngineClient(transport: check), files: files)
        let baseHash = try #require(entries(planned)["base"]?["hash"]?.stringValue)
        let fake = FakeTransport([
            notFound, notFound,
            .json(#"[{"Id":"sha256:old","RepoTags":["t/base:zero"],"Labels":{"org.overcloud.image-build.hash":"\#(baseHash)"}}]"#),
            .status(201),
            notFound, noTwin, .json(#"{"aux":{"ID":"sha256:c2"}}"# + "\n"),
        ])
        let result = try ImageBuild.run(try plan(), args: BuildArguments(), host: host(), engine: EngineClient(transport: fake), files: files)
        let images = entries(result)
        #expect(images["base"]?["status"] == .string("tagged"))
        #expect(images["base"]?["reason"] == .string("same content as t/base:zero"))
        #expect(images["child"]?["status"] == .string("built"))
        #expect(fake.lines.contains("POST /v1.41/images/sha256:old/tag?repo=t%2Fbase&tag=one"))
        #expect(result.fields["actions"]?.arrayValue?.first == .string("Tagged t/base:one (same content as t/base:zero)"))
    }

    @Test func aMissingContextFileFailsThatImageAndSkipsItsChildren() throws {
        var missing = files
        missing.files["/w/base/Dockerfile"] = nil
        let fake = FakeTransport([notFound])
        let result = try ImageBuild.run(try plan(), args: BuildArguments(), host: host(), engine: EngineClient(transport: fake), files: missing)
        let images = entries(result)
        #expect(images["base"]?["status"] == .string("failed"))
        #expect(images["base"]?["reason"]?.stringValue?.contains("/w/base/Dockerfile does not exist") == true)
        #expect(images["child"]?["status"] == .string("skipped"))
        #expect(images["child"]?["reason"] == .string("parent base failed"))
        #expect(!fake.lines.contains { $0.hasPrefix("POST") })
    }
}
