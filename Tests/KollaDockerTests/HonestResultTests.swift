import EngineTesting
import JSON
import Testing

@testable import KollaDocker

/// Every action that changes something, on routed engine replies, first as it succeeds, then with
/// each request of that run failing in turn: the result always says what was done before the
/// failure (`changed`, `actions`), including a container removed whose re-creation then failed.
@Suite struct HonestResultTests {
    /// An action run: its task arguments, the daemon's replies, the state-changing requests of a
    /// clean run, each with the actions a failure of that request leaves, and the clean run's actions.
    struct Scenario: CustomTestStringConvertible, Sendable {
        var name: String
        var args: JSONObject
        var routes: EngineRun.Routes
        var steps: [(request: String, doneBefore: [String])]
        var actions: [String]
        /// For `reconcile_containers`: the service whose result is checked.
        var service: String? = nil

        var testDescription: String { name }
    }

    static let base: JSONObject = ["image": .string(EngineRun.image), "environment": ["A": "1"]]
    static let changedEnvironment: JSONObject = ["image": .string(EngineRun.image), "environment": ["A": "2"]]

    static let copyAlways: JSONObject = ["image": .string(EngineRun.image), "environment": ["KOLLA_CONFIG_STRATEGY": "COPY_ALWAYS"]]

    static func scenarios() throws -> [Scenario] {
        let c = "oc_t_c1"
        let image = EngineRun.image
        let absent = ["GET /containers/\(c)/json": [FakeTransport.Reply.json(404, Recorded.noSuchContainer)]]
        let running = try EngineRun.container(c, createdFrom: base)
        let life = EngineRun.lifecycle(c)
        let imageID2 = JSONWriter().write(Fixtures.image(id: Fixtures.otherImageID))
        let pullStream =
            #"{"status":"Pulling from overcloud-test/demo","id":"1"}"# + "\n"
            + #"{"status":"Status: Downloaded newer image for overcloud-test/demo:1"}"# + "\n"
        let recreated = "Removed container \(c) to recreate it"
        return [
            Scenario(
                name: "create_volume", args: ["action": "create_volume", "name": "oc_t_vol"],
                routes: [
                    "GET /volumes/oc_t_vol": [.json(404, #"{"message":"get oc_t_vol: no such volume"}"#)],
                    "POST /volumes/create": [.json(201, #"{"Name":"oc_t_vol","Driver":"local"}"#)],
                ],
                steps: [("POST /volumes/create", [])], actions: ["Created volume oc_t_vol"]),
            Scenario(
                name: "remove_volume", args: ["action": "remove_volume", "name": "oc_t_vol"],
                routes: [
                    "GET /volumes/oc_t_vol": [.json(#"{"Name":"oc_t_vol","Driver":"local"}"#)],
                    "DELETE /volumes/oc_t_vol": [.status(204)],
                ],
                steps: [("DELETE /volumes/oc_t_vol?force=0", [])], actions: ["Removed volume oc_t_vol"]),
            Scenario(
                name: "pull_image (a new image id)", args: ["action": "pull_image", "image": .string(image)],
                routes: [
                    "GET /images/\(image)/json": [.json(JSONWriter().write(Fixtures.image())), .json(imageID2)],
                    "POST /images/create": [.json(pullStream)],
                ],
                steps: [("POST /images/create", [])], actions: ["Pulled image \(image)"]),
            Scenario(
                name: "remove_image", args: ["action": "remove_image", "image": .string(image)],
                routes: EngineRun.base.merging(["DELETE /images/\(image)": [.json(#"[{"Untagged":"overcloud-test/demo:1"}]"#)]]),
                steps: [("DELETE /images/\(image)?force=0&noprune=0", [])], actions: ["Removed image \(image)"]),
            Scenario(
                name: "stop_container", args: ["action": "stop_container", "name": .string(c)],
                routes: running.merging(life), steps: [("POST /containers/\(c)/stop", [])], actions: ["Stopped container \(c)"]),
            Scenario(
                name: "restart_container", args: ["action": "restart_container", "name": .string(c)],
                routes: running.merging(life), steps: [("POST /containers/\(c)/restart", [])], actions: ["Restarted container \(c)"]),
            Scenario(
                name: "remove_container", args: ["action": "remove_container", "name": .string(c)],
                routes: running.merging(life), steps: [("DELETE /containers/\(c)?force=1&v=0", [])], actions: ["Removed container \(c)"]),
            Scenario(
                name: "stop_and_remove_container", args: ["action": "stop_and_remove_container", "name": .string(c)],
                routes: running.merging(life),
                steps: [("POST /containers/\(c)/stop", []), ("DELETE /containers/\(c)?force=1&v=0", ["Stopped container \(c)"])],
                actions: ["Stopped container \(c)", "Removed container \(c)"]),
            Scenario(
                name: "start_container (new, with a named volume)",
                args: base.merging(["action": "start_container", "name": .string(c), "volumes": ["oc_t_data:/var/lib/data"]]),
                routes: EngineRun.base.merging(absent).merging(life).merging([
                    "GET /volumes/oc_t_data": [.json(404, #"{"message":"no such volume"}"#)],
                    "POST /volumes/create": [.json(201, #"{"Name":"oc_t_data","Driver":"local"}"#)],
                ]),
                steps: [
                    ("POST /volumes/create", []), ("POST /containers/create?name=\(c)", ["Created volume oc_t_data"]),
                    ("POST /containers/\(c)/start", ["Created volume oc_t_data", "Created container \(c)"]),
                ],
                actions: ["Created volume oc_t_data", "Created container \(c)", "Started container \(c)"]),
            Scenario(
                name: "start_container (one-shot, removed on exit)",
                args: base.merging(["action": "start_container", "name": .string(c), "detach": false]),
                routes: EngineRun.base.merging(absent).merging(life).merging([
                    "POST /containers/\(c)/wait": [.json(#"{"StatusCode":0}"#)],
                    "GET /containers/\(c)/logs": [.bytes(200, Recorded.logs)],
                    "POST /containers/\(c)/stop": [.status(304)],
                ]),
                steps: [
                    ("POST /containers/create?name=\(c)", []), ("POST /containers/\(c)/start", ["Created container \(c)"]),
                    ("POST /containers/\(c)/wait", ["Created container \(c)", "Started container \(c)"]),
                    ("POST /containers/\(c)/stop", ["Created container \(c)", "Started container \(c)"]),
                    ("DELETE /containers/\(c)?force=1&v=0", ["Created container \(c)", "Started container \(c)"]),
                ],
                actions: ["Created container \(c)", "Started container \(c)", "Removed finished container \(c)"]),
            Scenario(
                name: "recreate_or_restart_container (differs: recreate)",
                args: changedEnvironment.merging(["action": "recreate_or_restart_container", "name": .string(c)]),
                routes: EngineRun.base.merging(running).merging(life),
                steps: [
                    ("POST /containers/\(c)/stop", []), ("DELETE /containers/\(c)?force=1&v=0", ["Stopped container \(c)"]),
                    ("POST /containers/create?name=\(c)", [recreated]),
                    ("POST /containers/\(c)/start", [recreated, "Created container \(c)"]),
                ],
                actions: [recreated, "Created container \(c)", "Started container \(c)"]),
            Scenario(
                name: "recreate_or_restart_container (COPY_ALWAYS, same: restart)",
                args: copyAlways.merging(["action": "recreate_or_restart_container", "name": .string(c)]),
                routes: EngineRun.base.merging(try EngineRun.container(c, createdFrom: copyAlways)).merging(life),
                steps: [("POST /containers/\(c)/restart", [])], actions: ["Restarted container \(c)"]),
            Scenario(
                name: "reconcile_containers (one recreated, one unchanged)",
                args: [
                    "action": "reconcile_containers", "workers": 1,
                    "services": [
                        "one": .object(changedEnvironment.merging(["container_name": .string(c)])),
                        "two": .object(base.merging(["container_name": "oc_t_c2"])),
                    ],
                ],
                routes: EngineRun.base.merging(running).merging(life).merging(EngineRun.configCheck(c))
                    .merging(try EngineRun.container("oc_t_c2", createdFrom: base)).merging(EngineRun.configCheck("oc_t_c2")),
                steps: [
                    ("POST /containers/\(c)/exec", []), ("POST /exec/exec-\(c)/start", []),
                    ("POST /containers/\(c)/stop", []), ("DELETE /containers/\(c)?force=1&v=0", ["Stopped container \(c)"]),
                    ("POST /containers/create?name=\(c)", [recreated]),
                    ("POST /containers/\(c)/start", [recreated, "Created container \(c)"]),
                    ("POST /containers/oc_t_c2/exec", [recreated, "Created container \(c)", "Started container \(c)"]),
                    ("POST /exec/exec-oc_t_c2/start", [recreated, "Created container \(c)", "Started container \(c)"]),
                ],
                actions: [recreated, "Created container \(c)", "Started container \(c)"], service: "one"),
        ]
    }

    /// The `changed`/`actions` a result (or its checked service's entry) reports.
    static func claims(_ result: JSONObject, _ scenario: Scenario) -> (changed: JSONValue?, actions: [String]) {
        var reported = result  // also when a bulk run failed before any service (nothing done)
        if let service = scenario.service,
            let entry = result["services"]?.arrayValue?.compactMap(\.objectValue).first(where: { $0["service"] == .string(service) })
        {
            reported = entry
        }
        let actions = reported["actions"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return (reported["changed"], actions)
    }

    /// Whether request `line` is `step` (a step without a query matches any query).
    static func matches(_ line: String, _ step: String) -> Bool {
        line == step || (!step.contains("?") && line.hasPrefix(step + "?"))
    }

    @Test(arguments: try scenarios())
    func cleanRun(_ scenario: Scenario) throws {
        let (result, requests) = try EngineRun.run(scenario.args, routes: scenario.routes)
        #expect(result["failed"] == nil, "\(result)")
        let (changed, actions) = Self.claims(result, scenario)
        #expect(actions == scenario.actions)
        #expect(changed == .bool(true))
        #expect(result["changed"] == .bool(true))
        // The table lists every request that is not a read, in order.
        let writes = requests.filter { !$0.hasPrefix("GET ") }
        #expect(writes.count == scenario.steps.count && zip(writes, scenario.steps).allSatisfy { Self.matches($0, $1.request) }, "\(writes)")
    }

    @Test(arguments: try scenarios())
    func failureAtEachRequest(_ scenario: Scenario) throws {
        let clean = try EngineRun.run(scenario.args, routes: scenario.routes).requests
        let stepIndices = scenario.steps.map { step in clean.firstIndex { Self.matches($0, step.request) } ?? -1 }
        for index in clean.indices {
            let (result, requests) = try EngineRun.run(scenario.args, routes: scenario.routes, failing: index)
            let context = "failing request \(index) \(requests[index]): \(result)"
            let nextStep = stepIndices.firstIndex { $0 >= index }
            let expected = nextStep.map { scenario.steps[$0].doneBefore } ?? scenario.actions
            let (changed, actions) = Self.claims(result, scenario)
            #expect(result["failed"] == true, "\(context)")
            #expect(JSONWriter().write(.object(result)).contains(RoutedTransport.injectedMessage), "\(context)")
            #expect(actions == expected, "\(context)")
            #expect(changed == .bool(!expected.isEmpty), "\(context)")
            #expect(result["changed"] == .bool(!expected.isEmpty), "\(context)")
        }
    }

    @Test(arguments: try scenarios())
    func checkModeChangesNothing(_ scenario: Scenario) throws {
        let (result, requests) = try EngineRun.run(scenario.args, routes: scenario.routes, check: true)
        #expect(result["failed"] == nil, "\(result)")
        #expect(requests.allSatisfy { $0.hasPrefix("GET ") || $0.contains("/exec") }, "\(requests)")
    }
}
