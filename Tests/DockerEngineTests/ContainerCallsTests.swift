import EngineTesting
import HTTP
import JSON
import Testing

@testable import DockerEngine

@Suite struct ContainerCallsTests {
    func client(_ replies: [FakeTransport.Reply]) -> (EngineClient, FakeTransport) {
        let fake = FakeTransport(replies)
        return (EngineClient(transport: fake), fake)
    }

    @Test func listsAllContainers() throws {
        let (engine, fake) = client([.json(#"[{"Id":"abc","Names":["/nova_api"],"State":"running","Status":"Up 2 minutes","Labels":null}]"#)])
        let list = try engine.containers()
        #expect(fake.lines == ["GET /v1.41/containers/json?all=1"])
        #expect(list.count == 1 && list[0].isNamed("nova_api") && !list[0].isNamed("nova") && list[0].status == "Up 2 minutes")
        #expect(list[0].labels.isEmpty)
    }

    @Test func inspectReadsTheRecordedReply() throws {
        let (engine, fake) = client([.json(Recorded.inspectCreated)])
        let inspect = try #require(try engine.container(named: "oc-rec2"))
        #expect(fake.lines == ["GET /v1.41/containers/oc-rec2/json"])
        #expect(inspect.name == "oc-rec2" && inspect.id.hasPrefix("0943826a"))
        #expect(inspect.imageID == "sha256:356b1e87d5773d1c260d0b567b3bb890d6b608df02ad1fe48b6c51204fdef5a0")
        #expect(inspect.state.status == "created" && !inspect.state.isRunning && inspect.state.exitCode == 0)
        #expect(inspect.path == "sleep" && inspect.args == ["100"])
        #expect(inspect.config.image == "overcloud-test/busybox:1")
        #expect(inspect.config.env == ["KOLLA_CONFIG_STRATEGY=COPY_ALWAYS", "PATH=/bin"])
        #expect(inspect.config.environment["KOLLA_CONFIG_STRATEGY"] == "COPY_ALWAYS")
        #expect(inspect.config.labels == ["kolla_version": "1"])
        #expect(inspect.config.volumes.isEmpty && inspect.config.cmd == ["sleep", "100"] && inspect.config.entrypoint == nil)
        let health = try #require(inspect.config.healthcheck)
        #expect(health.test == ["CMD-SHELL", "true"] && health.interval == 30_000_000_000 && health.startPeriod == 5_000_000_000)
        #expect(health.retries == 3)
        #expect(inspect.hostConfig.binds == ["/etc/hosts:/etc/hosts:ro", "oc_rec_vol:/var/lib/kolla"])
        #expect(inspect.hostConfig.capAdd == ["CAP_NET_ADMIN"] && inspect.hostConfig.capDrop.isEmpty)
        #expect(inspect.hostConfig.networkMode == "host" && inspect.hostConfig.ipcMode == "private" && inspect.hostConfig.pidMode == "")
        #expect(inspect.hostConfig.ulimits == [HostConfig.Ulimit(name: "nofile", soft: 1024, hard: 2048)])
        #expect(inspect.hostConfig.restartPolicy == "no" && inspect.hostConfig["Memory"] == .int(0))
        #expect(inspect.value(at: "HostConfig", "CgroupnsMode") == "host")
        #expect(inspect.mounts.count == 2)
    }

    /// `null` members read as kolla_docker's comparison reads them: present, with no value.
    @Test func nullMembersReadAsEmpty() throws {
        let inspect = ContainerInspect(
            raw: try JSONParser().parse(
                #"{"Config":{"Labels":{"a":"1","b":null}},"HostConfig":{"Tmpfs":{"/run":"size=1m","/tmp":null},"CgroupMode":null}}"#))
        #expect(inspect.config.allLabels == ["a": "1", "b": ""] && inspect.config.labels == ["a": "1"])
        #expect(inspect.hostConfig.tmpfs == ["/run": "size=1m", "/tmp": ""])
        #expect(inspect.hostConfig.cgroupnsMode == "")
        let podman = HostConfig(raw: try JSONParser().parse(#"{"CgroupMode":"private"}"#))
        #expect(podman.cgroupnsMode == "private" && HostConfig(raw: .null).cgroupnsMode == nil)
    }

    @Test func absentContainerIsNil() throws {
        let (engine, _) = client([.json(404, Recorded.noSuchContainer)])
        #expect(try engine.container(named: "nope") == nil)
    }

    @Test func inspectErrorsOtherThan404Throw() {
        let (engine, _) = client([.json(500, #"{"message":"boom"}"#)])
        #expect(throws: EngineError.api(status: 500, message: "boom")) { try engine.container(named: "x") }
    }

    @Test func namesArePercentEncodedInPaths() throws {
        let (engine, fake) = client([.json(404, "{}")])
        _ = try engine.container(named: "a b/c")
        #expect(fake.lines == ["GET /v1.41/containers/a%20b%2Fc/json"])
    }

    @Test func createSendsTheBodyAndReturnsTheId() throws {
        let (engine, fake) = client([.json(201, #"{"Id":"f00d","Warnings":[]}"#)])
        let body: JSONValue = ["Image": "overcloud-test/busybox:1", "Cmd": ["sleep", "1"], "HostConfig": ["NetworkMode": "host"]]
        #expect(try engine.createContainer(named: "memcached", body: body) == "f00d")
        let request = try #require(fake.requests.first)
        #expect(request.target == "/v1.41/containers/create?name=memcached" && request.method == .post)
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(try JSONParser().parse(request.body) == body)
    }

    @Test(
        arguments: [
            (404, #"{"message":"No such image: x:1"}"#, EngineError.notFound(kind: .image, name: "x:1")),
            (
                409, Recorded.nameInUse,
                .conflict(
                    "Conflict. The container name \"/oc-rec\" is already in use by container \"b3318a9c08c804a780d0755ccb6776266ff68c8bfd9e07428f1f9a96c822677f\". You have to remove (or rename) that container to be able to reuse that name."
                )
            ),
            (400, #"{"message":"invalid mount config"}"#, .api(status: 400, message: "invalid mount config")),
        ] as [(Int, String, EngineError)])
    func createFailuresAreTyped(status: Int, body: String, expected: EngineError) {
        let (engine, _) = client([.json(status, body)])
        #expect(throws: expected) { try engine.createContainer(named: "oc-rec", body: ["Image": "x:1"]) }
    }

    @Test(arguments: [(204, StateChange.changed), (304, .alreadyInState)])
    func startAndStopReport304(status: Int, expected: StateChange) throws {
        let (engine, fake) = client([.status(status), .status(status)])
        #expect(try engine.startContainer("nova_api") == expected)
        #expect(try engine.stopContainer("nova_api", timeout: 60) == expected)
        #expect(fake.lines == ["POST /v1.41/containers/nova_api/start", "POST /v1.41/containers/nova_api/stop?t=60"])
        #expect(fake.requests[1].timeout == .seconds(180))
    }

    @Test func stopOfAnAbsentContainerIsNotFound() {
        let (engine, _) = client([.json(404, #"{"message":"No such container: x"}"#)])
        #expect(throws: EngineError.notFound(kind: .container, name: "x")) { try engine.stopContainer("x") }
    }

    @Test func restartRemoveAndWait() throws {
        let (engine, fake) = client([.status(204), .status(204), .json(#"{"Error":null,"StatusCode":3}"#)])
        try engine.restartContainer("a", timeout: 5)
        try engine.removeContainer("a", force: true, volumes: false)
        #expect(try engine.waitContainer("a") == 3)
        #expect(
            fake.lines == [
                "POST /v1.41/containers/a/restart?t=5", "DELETE /v1.41/containers/a?force=1&v=0", "POST /v1.41/containers/a/wait",
            ])
        #expect(fake.requests[2].timeout.map { $0 < .zero } == true)
    }

    @Test func logsAreDemultiplexed() throws {
        let (engine, fake) = client([.bytes(200, Recorded.logs)])
        let output = try engine.logs("oc-rec", tty: false)
        #expect(output.stdoutText == "out\n" && output.stderrText == "err\n")
        #expect(fake.lines == ["GET /v1.41/containers/oc-rec/logs?stdout=1&stderr=1&timestamps=0&follow=0&tail=all"])
    }

    @Test func logsOfATTYContainerAreRaw() throws {
        let inspect = #"{"Id":"x","Config":{"Tty":true}}"#
        let (engine, fake) = client([.json(inspect), .bytes(200, Array("raw\r\n".utf8))])
        let output = try engine.logs("t", stderr: false, tail: 10)
        #expect(output.stdoutText == "raw\r\n" && output.stderr.isEmpty)
        #expect(fake.lines.last == "GET /v1.41/containers/t/logs?stdout=1&stderr=0&timestamps=0&follow=0&tail=10")
    }

    @Test func execCreatesStartsAndInspects() throws {
        let stream: [UInt8] = [1, 0, 0, 0, 0, 0, 0, 3] + Array("ok\n".utf8)
        let (engine, fake) = client([
            .json(201, #"{"Id":"e1"}"#), .bytes(200, stream), .json(#"{"ID":"e1","Running":false,"ExitCode":2}"#),
        ])
        let result = try engine.exec(in: "c", command: ["kolla_set_configs", "--check"], user: "root")
        #expect(result.exitCode == 2 && result.output.stdoutText == "ok\n")
        #expect(fake.lines == ["POST /v1.41/containers/c/exec", "POST /v1.41/exec/e1/start", "GET /v1.41/exec/e1/json"])
        #expect(try JSONParser().parse(fake.requests[0].body).at("Cmd") == ["kolla_set_configs", "--check"])
        #expect(try JSONParser().parse(fake.requests[1].body) == ["Detach": false, "Tty": false])
    }

    @Test func execWaitsForTheExitCodeToSettle() throws {
        let (engine, fake) = client([
            .json(201, #"{"Id":"e1"}"#), .bytes(200, []), .json(#"{"Running":true,"ExitCode":null}"#),
            .json(#"{"Running":false,"ExitCode":0}"#),
        ])
        #expect(try engine.exec(in: "c", command: ["true"]).exitCode == 0)
        #expect(fake.unused == 0)
    }

    @Test func execInAStoppedContainerIsAConflict() {
        let (engine, _) = client([.json(409, #"{"message":"Container c is not running"}"#)])
        #expect(throws: EngineError.conflict("Container c is not running")) { try engine.exec(in: "c", command: ["true"]) }
    }
}
