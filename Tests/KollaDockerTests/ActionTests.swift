import EngineTesting
import JSON
import Testing

@testable import KollaDocker

/// Each action's decisions on recorded engine replies (the injected engine): what it asks, what it
/// does, what it reports — the paths `HonestResultTests` (failures at every step) does not take.
@Suite struct ActionTests {
    static let c = "oc_t_act"
    static let image = EngineRun.image
    static let args: JSONObject = ["image": .string(EngineRun.image), "environment": ["A": "1"]]

    /// The routes of an existing container created from `args`, in `state`.
    static func existing(state: String = "running") throws -> EngineRun.Routes {
        EngineRun.base.merging(try EngineRun.container(c, createdFrom: args, state: state)).merging(EngineRoutes.lifecycle(c))
    }

    static func changing(_ requests: [String]) -> [String] {
        requests.filter { !$0.hasPrefix("GET ") }
    }

    // MARK: compare_container

    @Test func compareContainerSameIsUnchanged() throws {
        let run = try EngineRun.run(
            Self.args.merging(["action": "compare_container", "name": .string(Self.c)]),
            routes: try Self.existing().merging(EngineRoutes.exec(in: Self.c)))
        #expect(run.result["changed"] == false)
        #expect(run.result["result"] == false)
        #expect(run.result["comparison_failures"] == [])
        #expect(run.requests.contains("POST /containers/\(Self.c)/exec"))  // the config check ran
    }

    @Test func compareContainerReportsDifferenceAndStaleConfig() throws {
        let run = try EngineRun.run(
            ["action": "compare_container", "name": .string(Self.c), "image": .string(Self.image), "environment": ["A": "2"]],
            routes: try Self.existing().merging(EngineRoutes.exec(in: Self.c, exitCode: 1)))
        #expect(run.result["changed"] == true)
        #expect(run.result["comparison_failures"]?.arrayValue?.compactMap { $0.at("name")?.stringValue } == ["environment", "config"])
        #expect(Self.changing(run.requests).allSatisfy { $0.contains("/exec") })  // compares only
    }

    @Test func compareContainerMissing() throws {
        let run = try EngineRun.run(
            Self.args.merging(["action": "compare_container", "name": .string(Self.c)]),
            routes: EngineRun.base.merging(EngineRoutes.absent(Self.c)))
        #expect(run.result["changed"] == true)
        #expect(run.result["comparison_failures"]?.arrayValue?.count == 1)
    }

    // MARK: compare_image

    @Test(arguments: [(Fixtures.imageID, false), (Fixtures.otherImageID, true)])
    func compareImage(_ runningImage: String, _ differs: Bool) throws {
        let routes = EngineRun.base.merging(try EngineRun.container(Self.c, createdFrom: Self.args, imageID: runningImage))
        let run = try EngineRun.run(["action": "compare_image", "name": .string(Self.c), "image": .string(Self.image)], routes: routes)
        #expect(run.result["result"] == .bool(differs))
        #expect(run.result["changed"] == false)  // Kolla: compare_image never changes
    }

    // MARK: images

    @Test func ensureImagePresentDoesNotPull() throws {
        let run = try EngineRun.run(["action": "ensure_image", "image": .string(Self.image)], routes: EngineRun.base)
        #expect(run.result["changed"] == false)
        #expect(!run.requests.contains { $0.hasPrefix("POST /images/create") })
    }

    @Test func ensureImageMissingPulls() throws {
        let pulled = #"{"status":"Status: Downloaded newer image for overcloud-test/demo:1"}"# + "\n"
        let absent = FakeTransport.Reply.json(404, #"{"message":"No such image"}"#)
        let run = try EngineRun.run(
            ["action": "ensure_image", "image": .string(Self.image)],
            routes: EngineRun.base.merging([
                // absent when ensure_image looks and when the pull notes the id before; present after the pull
                "GET /images/\(Self.image)/json": [absent, absent, .json(JSONWriter().write(Fixtures.image()))],
                "POST /images/create": [.json(pulled)],
            ]))
        #expect(run.result["changed"] == true)
        #expect(run.result["actions"] == .array([.string("Pulled image \(Self.image)")]))
    }

    @Test func pullImageRefusedByTheDaemon() throws {
        let run = try EngineRun.run(
            ["action": "pull_image", "image": .string(Self.image)],
            routes: EngineRun.base.merging(["POST /images/create": [.json(500, Recorded.pullRefused)]]))
        #expect(run.result["failed"] == true)
        #expect(run.result["changed"] == false)
        #expect(run.result["msg"]?.stringValue?.hasPrefix("Unknown error message: ") == true)
    }

    @Test func pullImageUnchangedIdIsUnchanged() throws {
        let pulled = #"{"status":"Status: Image is up to date for overcloud-test/demo:1"}"# + "\n"
        let run = try EngineRun.run(
            ["action": "pull_image", "image": .string(Self.image)], routes: EngineRun.base.merging(["POST /images/create": [.json(pulled)]]))
        #expect(run.result["changed"] == false)
        #expect(run.requests.contains("POST /images/create?fromImage=overcloud-test%2Fdemo&tag=1"))
    }

    @Test func removeImageInUse() throws {
        let run = try EngineRun.run(
            ["action": "remove_image", "image": .string(Self.image)],
            routes: EngineRun.base.merging(["DELETE /images/\(Self.image)": [.json(409, #"{"message":"conflict: unable to remove"}"#)]]))
        #expect(run.result["msg"] == .string("Image '\(Self.image)' is currently in-use"))
        #expect(run.result["changed"] == false)
    }

    // MARK: containers

    @Test func startContainerSameAndRunningDoesNothing() throws {
        let run = try EngineRun.run(Self.args.merging(["action": "start_container", "name": .string(Self.c)]), routes: try Self.existing())
        #expect(run.result["changed"] == false)
        #expect(Self.changing(run.requests) == [])
    }

    @Test func startContainerSameButExitedOnlyStarts() throws {
        let run = try EngineRun.run(
            Self.args.merging(["action": "start_container", "name": .string(Self.c), "state": "exited"]), routes: try Self.existing(state: "exited"))
        #expect(run.result["actions"] == .array([.string("Started container \(Self.c)")]))
        #expect(Self.changing(run.requests) == ["POST /containers/\(Self.c)/start"])
    }

    @Test func stopContainerMissing() throws {
        let routes = EngineRun.base.merging(EngineRoutes.absent(Self.c))
        let failed = try EngineRun.run(["action": "stop_container", "name": .string(Self.c)], routes: routes)
        #expect(failed.result["msg"] == .string("No such container: \(Self.c) to stop"))
        let ignored = try EngineRun.run(["action": "stop_container", "name": .string(Self.c), "ignore_missing": true], routes: routes)
        #expect(ignored.result["failed"] == nil)
        #expect(ignored.result["changed"] == false)
    }

    @Test func stopContainerAlreadyExited() throws {
        let run = try EngineRun.run(["action": "stop_container", "name": .string(Self.c)], routes: try Self.existing(state: "exited"))
        #expect(run.result["changed"] == false)
        #expect(Self.changing(run.requests) == [])
    }

    @Test func removeContainerMissingIsUnchanged() throws {
        let run = try EngineRun.run(
            ["action": "remove_container", "name": .string(Self.c)], routes: EngineRun.base.merging(EngineRoutes.absent(Self.c)))
        #expect(run.result["changed"] == false)
        #expect(Self.changing(run.requests) == [])
    }

    @Test func restartContainerMissingFails() throws {
        let run = try EngineRun.run(
            ["action": "restart_container", "name": .string(Self.c)], routes: EngineRun.base.merging(EngineRoutes.absent(Self.c)))
        #expect(run.result["msg"] == .string("No such container: \(Self.c)"))
    }

    @Test func recreateOrRestartSameWithoutStrategyDoesNothing() throws {
        let run = try EngineRun.run(
            Self.args.merging(["action": "recreate_or_restart_container", "name": .string(Self.c)]), routes: try Self.existing())
        #expect(run.result["changed"] == false)
        #expect(Self.changing(run.requests) == [])
    }

    @Test func getContainerEnvAndState() throws {
        let env = try EngineRun.run(["action": "get_container_env", "name": .string(Self.c)], routes: try Self.existing())
        #expect(env.result["A"] == "1")
        #expect(env.result["KOLLA_SERVICE_NAME"] == "oc-t-act")
        let state = try EngineRun.run(["action": "get_container_state", "name": .string(Self.c)], routes: try Self.existing(state: "exited"))
        #expect(state.result["Status"] == "exited")
        #expect(state.result["Running"] == false)
    }

    // MARK: volumes

    @Test func removeVolumeInUse() throws {
        let run = try EngineRun.run(
            ["action": "remove_volume", "name": "oc_t_vol"],
            routes: [
                "GET /volumes/oc_t_vol": [.json(#"{"Name":"oc_t_vol","Driver":"local"}"#)],
                "DELETE /volumes/oc_t_vol": [.json(409, #"{"message":"remove oc_t_vol: volume is in use"}"#)],
            ])
        #expect(run.result["msg"] == "Volume named 'oc_t_vol' is currently in-use")
    }

    @Test func createVolumePresentIsUnchanged() throws {
        let run = try EngineRun.run(
            ["action": "create_volume", "name": "oc_t_vol"], routes: ["GET /volumes/oc_t_vol": [.json(#"{"Name":"oc_t_vol","Driver":"local"}"#)]])
        #expect(run.result["changed"] == false)
        #expect(run.requests == ["GET /volumes/oc_t_vol"])
    }
}
