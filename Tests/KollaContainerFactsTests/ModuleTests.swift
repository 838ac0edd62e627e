import JSON
import KollaContainerFacts
import ModuleKit
import ModuleTesting
import Testing

/// The module as Ansible runs it: spec (Kolla 23's plus `docker_host`/`client_timeout`), validation,
/// connection failures.
@Suite struct ModuleTests {
    @Test func specIsSound() {
        #expect(KollaContainerFacts.spec.selfCheck() == [])
        #expect(KollaContainerFacts.spec.supportsCheckMode)
        let actions = KollaContainerFacts.spec.param("action")?.choices
        #expect(actions == ["get_containers", "get_containers_env", "get_containers_state", "get_volumes", "get_containers_names"])
        #expect(KollaContainerFacts.spec.param("container_engine")?.defaultValue == "docker")
    }

    @Test func unknownActionFailsValidation() {
        let result = runModule(KollaContainerFacts.self, args: ["action": "get_container_env"])
        #expect(result["failed"] == true)
        #expect(result["msg"]?.stringValue?.hasPrefix("value of action must be one of: get_containers, get_containers_env") == true, "\(result)")
    }

    @Test func badDockerHost() {
        let result = runModule(KollaContainerFacts.self, args: ["action": "get_volumes", "docker_host": "ftp://x"])
        #expect(result["msg"] == "docker_host: 'ftp://x' must be unix:///PATH, /PATH or tcp://HOST:PORT")
        #expect(result["changed"] == false)
    }

    @Test func unreachableDaemon() {
        let result = runModule(KollaContainerFacts.self, args: ["action": "get_volumes", "docker_host": "/tmp/oc-t-no-daemon.sock"], check: true)
        #expect(result["failed"] == true)
        #expect(result["msg"]?.stringValue?.hasPrefix("Cannot connect to the Docker daemon at") == true, "\(result)")
    }

    @Test func unknownArgsSuboptionFails() {
        let result = runModule(KollaContainerFacts.self, args: ["action": "get_containers", "args": ["get_all": true]])
        #expect(result["failed"] == true)
        #expect(result["msg"]?.stringValue?.contains("get_all") == true, "\(result)")
    }
}
