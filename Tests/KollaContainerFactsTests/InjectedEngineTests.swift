import DockerEngine
import EngineTesting
import JSON
import ModuleKit
import ModuleTesting
import Testing

@testable import KollaContainerFacts

/// The module's `run` on an injected engine: the facts come from the engine it is given, and it
/// asks nothing else (no connection, no version probe).
@Suite struct InjectedEngineTests {
    @Test func namesFromTheInjectedEngine() throws {
        let transport = RoutedTransport(json: ContainerFactsTests.routes)
        let params = try KollaContainerFacts.spec.validate(
            ["action": "get_containers_names"], moduleName: KollaContainerFacts.name, context: "test")
        let host = Host(checkMode: true, diffMode: false, moduleName: KollaContainerFacts.name, files: MemoryFileSystem())
        let result = try KollaContainerFacts.run(params, on: host, engine: transport.client).json
        #expect(result["container_names"] == ["glance_api", "horizon"])
        #expect(result["changed"] == false)
        #expect(transport.requests == ["GET /containers/json?all=0"])
    }
}
