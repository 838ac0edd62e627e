import DockerEngine
import EngineTesting
import HTTP
import JSON
import Testing

/// The Engine API calls added for image modification: build, tag, push, distribution inspect.
@Suite struct EngineImageCallsTests {
    @Test func buildSendsTheContextAndCollectsOutputAcrossPieces() throws {
        let stream =
            #"{"stream":"Step 1/2 : FROM x\n ---> abc\n"}"# + "\n" + #"{"stream":"Successfully built 0123\n"}"# + "\n"
            + #"{"aux":{"ID":"sha256:0123"}}"# + "\n"
        let fake = FakeTransport([.json(stream, pieceSize: 5)])
        var lines = 0
        let result = try EngineClient(transport: fake).buildImage(
            context: [1, 2, 3], options: BuildOptions(tag: "a/b:1", dockerfile: "D", buildArgs: ["Z": "1", "A": "2"], noCache: true),
            onLine: { _ in lines += 1 })
        #expect(result.imageID == "sha256:0123")
        #expect(result.output == ["Step 1/2 : FROM x", " ---> abc", "Successfully built 0123"])
        #expect(lines == 3)
        let request = try #require(fake.requests.first)
        #expect(
            request.target
                == "/v1.41/build?t=a%2Fb%3A1&dockerfile=D&buildargs=%7B%22A%22%3A%20%222%22%2C%20%22Z%22%3A%20%221%22%7D&networkmode=host&nocache=1&rm=1&forcerm=1"
        )
        #expect(request.body == [1, 2, 3])
    }

    @Test func refusedBuildsFailWithTheDaemonMessage() {
        let fake = FakeTransport([.json(400, #"{"message":"dockerfile parse error line 2: unknown instruction: FORM"}"#)])
        #expect {
            try EngineClient(transport: fake).buildImage(context: [], options: BuildOptions(tag: "x:1"))
        } throws: { error in
            (error as? EngineError) == .buildFailed(image: "x:1", message: "dockerfile parse error line 2: unknown instruction: FORM")
        }
    }

    @Test func tagSendsRepositoryAndTag() throws {
        let fake = FakeTransport([.status(201), .json(404, #"{"message":"No such image: nope:1"}"#)])
        let client = EngineClient(transport: fake)
        try client.tagImage("sha256:abc", as: "127.0.0.1:5000/ns/x:apex")
        #expect(fake.lines == ["POST /v1.41/images/sha256:abc/tag?repo=127.0.0.1%3A5000%2Fns%2Fx&tag=apex"])
        #expect(throws: EngineError.notFound(kind: .image, name: "nope:1")) { try client.tagImage("nope:1", as: "y") }
    }

    @Test func pushSendsAnAuthHeaderEvenWithoutCredentials() throws {
        let fake = FakeTransport([.json(#"{"aux":{"Digest":"sha256:d"}}"#), .json(#"{"aux":{"Digest":"sha256:e"}}"#)])
        let client = EngineClient(transport: fake)
        #expect(try client.pushImage("r:1/x:2") == "sha256:d")
        #expect(try client.pushImage("r:1/x:2", auth: RegistryAuth(username: "u", password: "p", serverAddress: "r:1")) == "sha256:e")
        #expect(fake.requests[0].headers["X-Registry-Auth"] == "e30=")
        #expect(fake.requests[1].headers["X-Registry-Auth"] != "e30=")
    }

    @Test func distributionTellsAbsenceFromErrors() throws {
        let fake = FakeTransport([
            .json(#"{"Descriptor":{"digest":"sha256:1"}}"#),
            .json(500, #"{"message":"manifest unknown: manifest unknown"}"#),
            .json(404, #"{"message":"anything"}"#),
            .json(401, #"{"message":"errors:\nname unknown: repository name not known to registry\n"}"#),
            .json(500, #"{"message":"Get \"https://r:1/v2/\": http: server gave HTTP response to HTTPS client"}"#),
        ])
        let client = EngineClient(transport: fake)
        #expect(try client.distribution("r:1/x:1")?.objectValue?["Descriptor"] != nil)
        #expect(try client.distribution("r:1/x:2") == nil)
        #expect(try client.distribution("r:1/x:3") == nil)
        #expect(try client.distribution("r:1/x:4") == nil)
        #expect(throws: EngineError.self) { try client.distribution("r:1/x:5") }
    }
}
