import JSON
import KollaDocker
import ModuleKit
import ModuleTesting
import Testing

/// The module as Ansible runs it: spec contract (Kolla 23's options and `required_if`), validation
/// before any engine call, and the failure for an unusable `docker_host`.
@Suite struct ModuleTests {
    @Test func specIsSound() {
        #expect(KollaDocker.spec.selfCheck() == [])
        #expect(KollaDocker.aliases == ["kolla_container"])
    }

    @Test func kollaRequiredIf() {
        let rules = Dictionary(uniqueKeysWithValues: KollaDocker.spec.requiredIf.map { ($0.value.stringValue ?? "", $0.requirements) })
        #expect(rules["pull_image"] == ["image"] && rules["ensure_image"] == ["image"] && rules["remove_image"] == ["image"])
        #expect(rules["start_container"] == ["image", "name"])
        for action in [
            "compare_container", "compare_image", "create_volume", "recreate_or_restart_container", "remove_container",
            "remove_volume", "restart_container", "stop_container", "stop_and_remove_container",
        ] {
            #expect(rules[action] == ["name"], "\(action)")
        }
        #expect(rules["reconcile_containers"] == ["services"])
    }

    @Test func missingRequiredOptionFailsBeforeConnecting() {
        let result = runModule(KollaDocker.self, args: ["action": "start_container", "name": "x", "docker_host": "unix:///nonexistent.sock"])
        #expect(result["failed"] == true)
        #expect(result["msg"] == "action is start_container but all of the following are missing: image")
    }

    @Test func badDockerHost() {
        let result = runModule(KollaDocker.self, args: ["action": "remove_volume", "name": "oc_t_x", "docker_host": "http://x"])
        #expect(result["failed"] == true)
        #expect(result["msg"] == "docker_host: 'http://x' must be unix:///PATH, /PATH or tcp://HOST:PORT")
    }

    @Test func unreachableDaemon() {
        let result = runModule(KollaDocker.self, args: ["action": "remove_volume", "name": "oc_t_x", "docker_host": "/tmp/oc-t-no-daemon.sock"])
        #expect(result["failed"] == true)
        #expect(result["changed"] == false)
        #expect(result["msg"]?.stringValue?.hasPrefix("Cannot connect to the Docker daemon at") == true, "\(result)")
    }

    @Test func authPasswordIsMasked() {
        let result = runModule(
            KollaDocker.self,
            args: [
                "action": "pull_image", "image": "x:1", "auth_username": "u", "auth_password": "hunter2-secret",
                "docker_host": "/tmp/oc-t-no-daemon.sock",
            ])
        #expect(!"\(result)".contains("hunter2-secret"))
    }
}
