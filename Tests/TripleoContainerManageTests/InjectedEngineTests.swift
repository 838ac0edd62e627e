import DockerEngine
import EngineTesting
import JSON
import ModuleKit
import ModuleTesting
import Testing

@testable import TripleoContainerManage

/// The module's `run` on an injected engine (recorded replies): a step whose definitions are gone
/// removes its orphan, and check mode sends nothing but says so.
@Suite struct InjectedEngineTests {
    static let orphan: JSONValue = [
        "Id": "id-old", "Names": ["/old_api"], "State": "running",
        "Labels": ["config_id": "tripleo_step4", "managed_by": "tripleo_ansible", "container_name": "old_api"],
    ]

    static func run(check: Bool) throws -> (result: JSONObject, requests: [String]) {
        let transport = RoutedTransport([
            "GET /containers/json": [.json(JSONWriter().write([orphan]))],
            "DELETE /containers/old_api": [.status(204)],
        ])
        let params = try TripleoContainerManage.spec.validate(
            ["config_id": "tripleo_step4", "containers": [:]], moduleName: TripleoContainerManage.name, context: "test")
        let host = Host(checkMode: check, diffMode: false, moduleName: TripleoContainerManage.name, files: MemoryFileSystem())
        let result = try TripleoContainerManage.run(params, on: host, engine: EngineClient(transport: transport))
        return (result.json, transport.requests)
    }

    @Test func removesTheOrphanOnTheInjectedEngine() throws {
        let (result, requests) = try Self.run(check: false)
        #expect(result["changed"] == true)
        #expect(result["actions"] == ["Removed orphan container old_api"])
        #expect(requests == ["GET /containers/json?all=1", "DELETE /containers/old_api?force=1&v=0"])
    }

    @Test func checkModeSendsNoRemoval() throws {
        let (result, requests) = try Self.run(check: true)
        #expect(result["changed"] == true)
        #expect(requests == ["GET /containers/json?all=1"])
    }
}
