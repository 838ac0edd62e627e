import EngineTesting
import HTTP
import Testing

@testable import DockerEngine

@Suite struct VersionNegotiationTests {
    static func versionReply(_ api: String) -> FakeTransport.Reply {
        .json(#"{"Version":"x","ApiVersion":"\#(api)","MinAPIVersion":"1.12"}"#)
    }

    @Test(arguments: [("1.43", "1.41"), ("1.41", "1.41"), ("1.40", "1.40"), ("1.24", "1.24"), ("2.0", "1.41")])
    func autoUsesTheOlderOfDaemonAndClient(daemon: String, expected: String) throws {
        let fake = FakeTransport([Self.versionReply(daemon)])
        let client = try EngineClient.connect(transport: fake)
        #expect(client.apiVersion.description == expected)
        #expect(fake.lines == ["GET /version"])
    }

    @Test func recordedDockerVersionNegotiatesTo141() throws {
        let fake = FakeTransport([.json(Recorded.version)])
        let client = try EngineClient.connect(transport: fake)
        #expect(client.apiVersion == APIVersion(1, 41))
        #expect(client.server?.version == "20.10.24+dfsg1" && client.server?.isPodman == false)  // kept: no second GET /version
        let version = try EngineClient(transport: FakeTransport([.json(Recorded.version)])).version()
        #expect(version.version == "20.10.24+dfsg1" && !version.isPodman && version.minimumAPIVersion == APIVersion(1, 12))
    }

    @Test func fixedVersionAsksNothing() throws {
        let fake = FakeTransport([])
        let client = try EngineClient.connect(transport: fake, apiVersion: "1.39")
        #expect(client.apiVersion == APIVersion(1, 39) && fake.requests.isEmpty && client.server == nil)
        #expect(client.target("/containers/json", ["all": "1"]) == "/v1.39/containers/json?all=1")
    }

    @Test(arguments: ["", "1", "1.x", "v1.41", "1.41.0", "latest", " 1.41"])
    func unreadableFixedVersionIsRejected(text: String) {
        #expect { try EngineClient.connect(transport: FakeTransport([]), apiVersion: text) } throws: { error in
            (error as? EngineError)?.caseName == "unsupportedVersion"
        }
    }

    @Test func daemonTooOldIsRejected() {
        #expect { try EngineClient.connect(transport: FakeTransport([Self.versionReply("1.12")])) } throws: { error in
            (error as? EngineError)
                == .unsupportedVersion(
                    "the daemon at unix:///fake/docker.sock speaks API 1.12; this client needs 1.24 or newer")
        }
    }

    @Test(arguments: [#"{"Version":"x"}"#, #"{"ApiVersion":141}"#, "not json", "[]"])
    func unreadableVersionReplyIsMalformed(body: String) {
        #expect { try EngineClient.connect(transport: FakeTransport([.json(body)])) } throws: { error in
            (error as? EngineError)?.caseName == "malformedReply"
        }
    }

    @Test func missingSocketGivesDockersSentence() {
        let fake = FakeTransport([.failure(.connect(endpoint: "unix:///var/run/docker.sock", reason: .noSuchSocket))])
        #expect { try EngineClient.connect(transport: fake) } throws: { error in
            let engine = error as? EngineError
            return engine?.description == "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"
                && engine?.isDaemonUnreachable == true
        }
    }

    @Test func realMissingSocketGivesDockersSentence() {
        #expect { try EngineClient.connect(socket: "/tmp/oc-engine-test-no-such.sock") } throws: { error in
            (error as? EngineError)?.description
                == "Cannot connect to the Docker daemon at unix:///tmp/oc-engine-test-no-such.sock. Is the docker daemon running?"
        }
    }

    @Test(arguments: [("1.41", "1.9", false), ("1.10", "1.9", false), ("1.9", "1.10", true), ("1.41", "2.0", true)])
    func versionsCompareNumerically(lhs: String, rhs: String, less: Bool) throws {
        let left = try #require(APIVersion(lhs))
        let right = try #require(APIVersion(rhs))
        #expect((left < right) == less)
    }
}
