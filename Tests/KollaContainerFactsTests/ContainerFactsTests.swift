import DockerEngine
import EngineTesting
import JSON
import ModuleKit
import Testing

@testable import KollaContainerFacts

/// Each action on recorded Engine replies (the shapes of Kolla 23's tests/test_kolla_container_facts.py).
@Suite struct ContainerFactsTests {
    static func inspect(_ name: String, status: String = "running", env: [String] = [], healthLog: Bool = false) -> JSONValue {
        var state: JSONObject = ["Status": .string(status), "Running": .bool(status == "running")]
        if healthLog { state["Health"] = ["Status": "healthy", "FailingStreak": 0, "Log": [["ExitCode": 0, "Output": "ok"]]] }
        return [
            "Id": .string("id-\(name)"), "Name": .string("/\(name)"), "State": .object(state), "Config": ["Env": .array(env.map { .string($0) })],
        ]
    }

    static func summary(_ name: String, extraNames: [String] = []) -> JSONValue {
        ["Id": .string("id-\(name)"), "Names": .array((["/\(name)"] + extraNames).map { .string($0) }), "State": "running"]
    }

    static let routes: [String: (status: Int, body: String)] = [
        "GET /containers/json?all=0": (200, json([summary("glance_api", extraNames: ["/other/glance"]), summary("horizon")])),
        "GET /containers/json?all=1": (200, json([summary("glance_api"), summary("horizon"), summary("stopped")])),
        "GET /containers/id-glance_api/json": (
            200, json(inspect("glance_api", env: ["KOLLA_BASE_DISTRO=ubuntu", "FLAG", "X=a=b", "X=later"], healthLog: true))
        ),
        "GET /containers/id-horizon/json": (200, json(inspect("horizon"))),
        "GET /containers/id-stopped/json": (200, json(inspect("stopped", status: "exited"))),
        "GET /containers/glance_api/json": (200, json(inspect("glance_api", env: ["KOLLA_BASE_DISTRO=ubuntu", "FLAG", "X=a=b", "X=later"]))),
        "GET /containers/stopped/json": (200, json(inspect("stopped", status: "exited"))),
        "GET /volumes": (
            200, json(["Volumes": [["Name": "glance", "Driver": "local"], ["Name": "kolla_logs", "Driver": "local"]], "Warnings": nil])
        ),
    ]

    static func facts(names: [String] = [], all: Bool = false) -> (ContainerFacts, RoutedTransport) {
        let transport = RoutedTransport(json: routes)
        return (ContainerFacts(engine: transport.client, names: names, allContainers: all), transport)
    }

    @Test func runningContainersWithoutHealthLog() throws {
        let (facts, _) = Self.facts()
        let containers = try facts.containers()
        #expect(containers.keys == ["glance_api", "horizon"])
        #expect(
            containers["glance_api"]?.objectValue?["State"] == [
                "Status": "running", "Running": true, "Health": ["Status": "healthy", "FailingStreak": 0],
            ])
        #expect(containers["horizon"] == Self.inspect("horizon"))
    }

    @Test func allContainers() throws {
        #expect(try Self.facts(all: true).0.containers().keys == ["glance_api", "horizon", "stopped"])
    }

    @Test func filteredByNameWithoutInspectingOthers() throws {
        let (facts, transport) = Self.facts(names: ["horizon", "absent"])
        #expect(try facts.containers().keys == ["horizon"])
        #expect(transport.requests == ["GET /containers/json?all=0", "GET /containers/id-horizon/json"])
    }

    @Test func environments() throws {
        let (key, value) = try Self.facts(names: ["glance_api", "stopped"]).0.gather(.containersEnv)
        #expect(key == "envs")
        #expect(value == ["glance_api": ["KOLLA_BASE_DISTRO": "ubuntu", "FLAG": "", "X": "later"], "stopped": [:]])
    }

    @Test func states() throws {
        let (key, value) = try Self.facts(names: ["stopped", "glance_api"]).0.gather(.containersState)
        #expect(key == "states")
        #expect(value == ["stopped": "exited", "glance_api": "running"])
    }

    @Test(arguments: [FactsAction.containersEnv, .containersState])
    func missingContainerFails(_ action: FactsAction) {
        #expect {
            _ = try Self.facts(names: ["glance_api", "nope"]).0.gather(action)
        } throws: { ($0 as? ModuleFailure)?.msg == "No such container: nope" }
    }

    @Test func volumes() throws {
        #expect(try Self.facts().0.volumes().keys == ["glance", "kolla_logs"])
        #expect(try Self.facts(names: ["kolla_logs"]).0.volumes() == ["kolla_logs": ["Name": "kolla_logs", "Driver": "local"]])
        #expect(try Self.facts(names: ["unknown"]).0.volumes() == [:])
    }

    @Test func runningNamesSkipLinkAliases() throws {
        let (key, value) = try Self.facts(names: ["ignored"], all: true).0.gather(.containersNames)
        #expect(key == "container_names")
        #expect(value == ["glance_api", "horizon"])
    }

    @Test func noContainers() throws {
        let transport = RoutedTransport(json: ["GET /containers/json?all=0": (200, "[]")])
        let facts = ContainerFacts(engine: transport.client, names: [], allContainers: false)
        #expect(try facts.gather(.containersNames).value == [])
        #expect(try facts.gather(.containers).value == .object([:]))
    }

    @Test func engineErrorsPropagate() {
        let transport = RoutedTransport(json: ["GET /containers/json?all=0": (500, #"{"message":"boom"}"#)])
        let facts = ContainerFacts(engine: transport.client, names: [], allContainers: false)
        #expect(throws: EngineError.api(status: 500, message: "boom")) { try facts.containers() }
    }

    @Test func environmentSplitsOnFirstEquals() {
        #expect(ContainerFacts.environment(["A=1", "B", "C=x=y", "=odd", "A=2"]) == ["A": "2", "B": "", "C": "x=y", "": "odd"])
    }
}
