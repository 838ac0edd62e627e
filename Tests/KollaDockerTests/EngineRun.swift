import DockerEngine
import EngineTesting
import HTTP
import JSON
import ModuleKit
import ModuleTesting

@testable import KollaDocker

/// One task run on routed engine replies, as Ansible would read its result, plus the requests the
/// daemon saw. The replies: the recorded `GET /version`, and container/image inspects in the form
/// Docker gives for what our create request asked (`Fixtures.created`).
enum EngineRun {
    typealias Routes = EngineRoutes.Routes

    static let image = "overcloud-test/demo:1"

    /// Runs `args` (validated by the module's spec); `failing` fails that request (by index) with a 500.
    static func run(
        _ args: JSONObject, routes: Routes, failing: Int? = nil, check: Bool = false, diff: Bool = false
    ) throws -> (result: JSONObject, requests: [String]) {
        let transport = RoutedTransport(routes, failing: failing)
        let params = try KollaDockerSpec.spec.validate(args, moduleName: "kolla_docker", context: "test")
        let host = Host(checkMode: check, diffMode: diff, moduleName: "kolla_docker", files: MemoryFileSystem())
        var result: ModuleResult
        do {
            result = try Worker.run(params, on: host, engine: EngineClient(transport: transport))
        } catch let failure as ModuleFailure {
            result = ModuleResult(changed: failure.changed, msg: failure.msg, fields: failure.extra)
            result.failed = true
        }
        return (result.json, transport.requests)
    }

    /// The daemon's version and the image, present.
    static var base: Routes {
        EngineRoutes.version.merging([
            "GET /images/\(image)/json": [.json(JSONWriter().write(Fixtures.image()))],
            "GET /images/\(Fixtures.imageID)/json": [.json(JSONWriter().write(Fixtures.image()))],
        ])
    }

    /// `container` exists as created from `args` (the task's options for it), in `state`, running image
    /// `imageID`, its main process `pid` (0: none, which keeps the config check on the exec).
    static func container(
        _ name: String, createdFrom args: JSONObject, state: String = "running", imageID: String = Fixtures.imageID, pid: Int = 0
    ) throws -> Routes {
        let spec = try ContainerSpec(Fixtures.merged(args.merging(["action": "start_container", "name": .string(name)])))
        var inspect = Fixtures.created(from: spec, image: Fixtures.image()).objectValue ?? [:]
        inspect["Name"] = .string("/\(name)")
        inspect["Image"] = .string(imageID)
        inspect["State"] = ["Status": .string(state), "Running": .bool(state == "running"), "Pid": .int(pid)]
        return ["GET /containers/\(name)/json": [.json(JSONWriter().write(.object(inspect)))]]
    }

    /// `kolla_set_configs --check` in `name` exits `code`.
    static func configCheck(_ name: String, exitCode code: Int = 0) -> Routes { EngineRoutes.exec(in: name, exitCode: code) }

    /// The replies a successful create/start/stop/remove of `name` gets.
    static func lifecycle(_ name: String) -> Routes { EngineRoutes.lifecycle(name) }
}
