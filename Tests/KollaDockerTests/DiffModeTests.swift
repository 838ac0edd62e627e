import EngineTesting
import JSON
import Testing

@testable import KollaDocker

/// `--diff`: the actions that compare return community.docker's `diff` (`before`/`after` of the
/// properties that differ, the data of `comparison_failures`); check mode predicts the same one.
@Suite struct DiffModeTests {
    static let c = "oc_t_c1"
    static let old: JSONObject = ["image": .string(EngineRun.image), "environment": ["A": "1"]]
    static let new: JSONObject = ["image": .string(EngineRun.image), "environment": ["A": "2"]]
    static let environmentDiff: JSONValue = ["before": ["environment": ["A": "1"]], "after": ["environment": ["A": "2"]]]

    static func routes(container args: JSONObject? = old) throws -> EngineRun.Routes {
        let container =
            try args.map { try EngineRun.container(c, createdFrom: $0) }
            ?? ["GET /containers/\(c)/json": [.json(404, Recorded.noSuchContainer)]]
        return EngineRun.base.merging(container).merging(EngineRun.lifecycle(c)).merging(EngineRun.configCheck(c))
    }

    /// `before`/`after` hold each failure's `current`/`desired` under its name.
    static func agrees(_ diff: JSONValue?, with failures: JSONValue?) -> Bool {
        guard let failures = failures?.arrayValue, !failures.isEmpty else { return false }
        return failures.allSatisfy { failure in
            guard let name = failure.at("name")?.stringValue else { return false }
            return diff?.at("before", name) == failure.at("current") && diff?.at("after", name) == failure.at("desired")
        }
    }

    @Test func compareContainerReturnsTheDifferences() throws {
        let args = Self.new.merging(["action": "compare_container", "name": .string(Self.c)])
        let (result, _) = try EngineRun.run(args, routes: Self.routes(), diff: true)
        #expect(result["diff"] == Self.environmentDiff, "\(result)")
        #expect(Self.agrees(result["diff"], with: result["comparison_failures"]))
        #expect(try EngineRun.run(args, routes: Self.routes()).result["diff"] == nil)
    }

    @Test func sameContainerHasAnEmptyDiff() throws {
        let args = Self.old.merging(["action": "compare_container", "name": .string(Self.c)])
        let (result, _) = try EngineRun.run(args, routes: Self.routes(), diff: true)
        #expect(result["changed"] == false)
        #expect(result["diff"] == ["before": [:], "after": [:]])
    }

    @Test(arguments: ["recreate_or_restart_container", "start_container", "compare_container"])
    func missingContainerIsCreated(_ action: String) throws {
        let args = Self.new.merging(["action": .string(action), "name": .string(Self.c)])
        let (result, _) = try EngineRun.run(args, routes: Self.routes(container: nil), diff: true)
        #expect(result["diff"] == ["before": ["exists": false], "after": ["exists": true]], "\(result)")
    }

    @Test func recreateCheckModePredictsTheAppliedDiff() throws {
        let args = Self.new.merging(["action": "recreate_or_restart_container", "name": .string(Self.c)])
        let (predicted, checkRequests) = try EngineRun.run(args, routes: Self.routes(), check: true, diff: true)
        let (applied, _) = try EngineRun.run(args, routes: Self.routes(), diff: true)
        #expect(checkRequests.allSatisfy { $0.hasPrefix("GET ") })
        #expect(predicted["diff"] == Self.environmentDiff, "\(predicted)")
        #expect(applied["diff"] == predicted["diff"])
        #expect(applied["actions"] == predicted["actions"])
    }

    @Test func reconcileGivesEachServiceItsDiffAndTheTaskOnePerDifferingService() throws {
        let args: JSONObject = [
            "action": "reconcile_containers",
            "services": [
                "one": .object(Self.new.merging(["container_name": .string(Self.c)])),
                "two": .object(Self.old.merging(["container_name": "oc_t_c2"])),
            ],
        ]
        let routes = try Self.routes().merging(EngineRun.container("oc_t_c2", createdFrom: Self.old)).merging(EngineRun.configCheck("oc_t_c2"))
        let (predicted, _) = try EngineRun.run(args, routes: routes, check: true, diff: true)
        let (applied, _) = try EngineRun.run(args, routes: routes, diff: true)
        for result in [predicted, applied] {
            let services = result["services"]?.arrayValue ?? []
            let one = services.first { $0.at("service") == "one" }
            #expect(one?.at("diff") == Self.environmentDiff, "\(result)")
            #expect(Self.agrees(one?.at("diff"), with: one?.at("comparison_failures")))
            #expect(services.first { $0.at("service") == "two" }?.at("diff") == ["before": [:], "after": [:]])
            #expect(
                result["diff"] == [
                    "before": ["environment": ["A": "1"]], "after": ["environment": ["A": "2"]],
                    "before_header": "one (container oc_t_c1)", "after_header": "one (container oc_t_c1)",
                ])
        }
        #expect(try EngineRun.run(args, routes: routes).result["services"]?.arrayValue?.allSatisfy { $0.at("diff") == nil } == true)
    }

    @Test func aFailedRecreateStillReturnsItsDiff() throws {
        let args = Self.new.merging(["action": "recreate_or_restart_container", "name": .string(Self.c)])
        var routes = try Self.routes()
        routes["POST /containers/create"] = [.json(500, #"{"message":"no space left on device"}"#)]
        let (result, _) = try EngineRun.run(args, routes: routes, diff: true)
        #expect(result["failed"] == true)
        #expect(result["changed"] == true)
        #expect(result["diff"] == Self.environmentDiff, "\(result)")
        #expect(result["actions"] == ["Removed container oc_t_c1 to recreate it"])
    }
}
