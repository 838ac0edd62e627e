import Digest
import EngineTesting
import HTTP
import JSON
import Testing

@testable import DockerEngine

@Suite struct ImageCallsTests {
    static let progress =
        [
            #"{"status":"Pulling from openstack.kolla/memcached","id":"2023.1"}"#,
            #"{"status":"Pulling fs layer","progressDetail":{},"id":"a1b2c3"}"#,
            #"{"status":"Downloading","progressDetail":{"current":100,"total":200},"progress":"[=====>     ]","id":"a1b2c3"}"#,
            #"{"status":"Pull complete","progressDetail":{},"id":"a1b2c3"}"#,
            #"{"status":"Digest: sha256:4d5e6f"}"#,
            #"{"status":"Status: Downloaded newer image for quay.io/openstack.kolla/memcached:2023.1"}"#,
        ].joined(separator: "\r\n") + "\r\n"

    @Test(arguments: [1, 5, 13, 64, 10_000])
    func pullReadsProgressInAnySplit(pieceSize: Int) throws {
        let fake = FakeTransport([.json(Self.progress, pieceSize: pieceSize)])
        var seen = 0
        let result = try EngineClient(transport: fake).pullImage("quay.io/openstack.kolla/memcached:2023.1") { _ in seen += 1 }
        #expect(fake.lines == ["POST /v1.41/images/create?fromImage=quay.io%2Fopenstack.kolla%2Fmemcached&tag=2023.1"])
        #expect(result.status == "Status: Downloaded newer image for quay.io/openstack.kolla/memcached:2023.1")
        #expect(result.digest == "sha256:4d5e6f" && result.lineCount == 6 && seen == 6 && !result.wasUpToDate)
        #expect(fake.requests[0].headers["X-Registry-Auth"] == nil)
    }

    @Test func pullWithoutFinalNewlineStillCounts() throws {
        let fake = FakeTransport([.json(#"{"status":"Status: Image is up to date for x:1"}"#)])
        let result = try EngineClient(transport: fake).pullImage("x:1")
        #expect(result.wasUpToDate && result.lineCount == 1)
    }

    @Test(arguments: [1, 7, 10_000])
    func pullErrorLineFails(pieceSize: Int) {
        let body =
            #"{"status":"Pulling from x","id":"9"}"# + "\n"
            + #"{"errorDetail":{"message":"manifest for x:9 not found: manifest unknown"},"error":"manifest for x:9 not found: manifest unknown"}"#
            + "\n"
        let fake = FakeTransport([.json(body, pieceSize: pieceSize)])
        #expect(throws: EngineError.pullFailed(image: "x:9", message: "manifest for x:9 not found: manifest unknown")) {
            try EngineClient(transport: fake).pullImage("x:9")
        }
    }

    @Test func pullRefusedBeforeStreamingFails() {
        let fake = FakeTransport([.json(500, Recorded.pullRefused)])
        #expect(
            throws: EngineError.pullFailed(
                image: "127.0.0.1:1/nope:1",
                message: "Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused")
        ) {
            try EngineClient(transport: fake).pullImage("127.0.0.1:1/nope:1")
        }
    }

    @Test func podmanReportsARefusedPullInTheStream() {
        let fake = FakeTransport([.json(Recorded.podmanPullRefused)])
        #expect { try EngineClient(transport: fake).pullImage("127.0.0.1:1/nope:1") } throws: { error in
            guard case .pullFailed(_, let message) = error as? EngineError else { return false }
            return message.hasSuffix("dial tcp 127.0.0.1:1: connect: connection refused")
        }
    }

    @Test func pullProgressThatIsNotJSONIsMalformed() {
        let fake = FakeTransport([.json("<html>\n")])
        #expect { try EngineClient(transport: fake).pullImage("x") } throws: { ($0 as? EngineError)?.caseName == "malformedReply" }
    }

    @Test func pullSendsRegistryAuth() throws {
        let fake = FakeTransport([.json("{}\n")])
        let auth = RegistryAuth(username: "kolla", password: "p?w>", serverAddress: "127.0.0.1:4000")
        try EngineClient(transport: fake).pullImage("127.0.0.1:4000/x@sha256:abc", auth: auth)
        #expect(fake.lines == ["POST /v1.41/images/create?fromImage=127.0.0.1%3A4000%2Fx&tag=sha256%3Aabc"])
        let header = try #require(fake.requests[0].headers["X-Registry-Auth"])
        #expect(header == Base64.urlEncoded(Array(#"{"username": "kolla", "password": "p?w>", "serveraddress": "127.0.0.1:4000"}"#.utf8)))
        #expect(!header.contains("+") && !header.contains("/"))
    }

    @Test func imageInspectAndAbsence() throws {
        let fake = FakeTransport([
            .json(#"{"Id":"sha256:aa","RepoTags":["quay.io/a/b:1"],"RepoDigests":null,"Config":{"Env":["PATH=/bin"]},"Size":5}"#),
            .json(404, #"{"message":"No such image: quay.io/a/b:2"}"#),
        ])
        let engine = EngineClient(transport: fake)
        let image = try #require(try engine.image(named: "quay.io/a/b:1"))
        #expect(image.id == "sha256:aa" && image.repoTags == ["quay.io/a/b:1"] && image.repoDigests.isEmpty)
        #expect(image.config.env == ["PATH=/bin"] && image.size == 5)
        #expect(try engine.image(named: "quay.io/a/b:2") == nil)
        #expect(fake.lines == ["GET /v1.41/images/quay.io/a/b:1/json", "GET /v1.41/images/quay.io/a/b:2/json"])
    }

    @Test func imagesListFiltersByReference() throws {
        let fake = FakeTransport([.json(#"[{"Id":"sha256:aa","RepoTags":["x:1"]}]"#)])
        let list = try EngineClient(transport: fake).images(reference: "x:1")
        #expect(list.map(\.id) == ["sha256:aa"])
        #expect(fake.lines == ["GET /v1.41/images/json?filters=%7B%22reference%22%3A%20%5B%22x%3A1%22%5D%7D"])
    }

    @Test(
        arguments: [
            (200, "[]", nil as EngineError?), (404, #"{"message":"No such image: x:1"}"#, .notFound(kind: .image, name: "x:1")),
            (
                409,
                #"{"message":"conflict: unable to remove repository reference \"x:1\" (must force) - container c is using its referenced image aa"}"#,
                .conflict("conflict: unable to remove repository reference \"x:1\" (must force) - container c is using its referenced image aa")
            ),
        ] as [(Int, String, EngineError?)])
    func removeImage(status: Int, body: String, expected: EngineError?) {
        let fake = FakeTransport([.json(status, body)])
        do {
            try EngineClient(transport: fake).removeImage("x:1")
            #expect(expected == nil)
        } catch {
            #expect(error == expected)
        }
        #expect(fake.lines == ["DELETE /v1.41/images/x:1?force=0&noprune=0"])
    }
}

@Suite struct VolumeCallsTests {
    @Test func createListInspectRemove() throws {
        let volume =
            #"{"Name":"kolla_logs","Driver":"local","Mountpoint":"/var/lib/docker/volumes/kolla_logs/_data","Labels":{"kolla_managed":"true"},"Options":null,"Scope":"local"}"#
        let fake = FakeTransport([
            .json(201, volume), .json(#"{"Volumes":[\#(volume)],"Warnings":null}"#), .json(volume),
            .json(404, #"{"message":"get nope: no such volume"}"#), .status(204),
            .json(409, #"{"message":"remove kolla_logs: volume is in use - [abc]"}"#),
        ])
        let engine = EngineClient(transport: fake)
        let created = try engine.createVolume(named: "kolla_logs", labels: ["kolla_managed": "true"])
        #expect(created.labels == ["kolla_managed": "true"] && created.driver == "local" && created.options.isEmpty)
        #expect(try engine.volumes().map(\.name) == ["kolla_logs"])
        #expect(try engine.volume(named: "kolla_logs")?.mountpoint == "/var/lib/docker/volumes/kolla_logs/_data")
        #expect(try engine.volume(named: "nope") == nil)
        try engine.removeVolume("kolla_logs")
        #expect(throws: EngineError.conflict("remove kolla_logs: volume is in use - [abc]")) { try engine.removeVolume("kolla_logs") }
        #expect(
            fake.lines == [
                "POST /v1.41/volumes/create", "GET /v1.41/volumes", "GET /v1.41/volumes/kolla_logs", "GET /v1.41/volumes/nope",
                "DELETE /v1.41/volumes/kolla_logs?force=0", "DELETE /v1.41/volumes/kolla_logs?force=0",
            ])
        #expect(
            try JSONParser().parse(fake.requests[0].body)
                == ["Name": "kolla_logs", "Driver": "local", "DriverOpts": [:], "Labels": ["kolla_managed": "true"]])
    }

    @Test func emptyVolumeListMayBeNull() throws {
        let fake = FakeTransport([.json(#"{"Volumes":null,"Warnings":null}"#)])
        #expect(try EngineClient(transport: fake).volumes().isEmpty)
    }

    @Test func systemCalls() throws {
        let fake = FakeTransport([.json("OK"), .json(#"{"ID":"x","Containers":0}"#)])
        let engine = EngineClient(transport: fake)
        try engine.ping()
        #expect(try engine.info().at("Containers") == 0)
        #expect(fake.lines == ["GET /_ping", "GET /v1.41/info"])
    }
}
