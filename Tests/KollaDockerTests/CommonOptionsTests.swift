import JSON
import ModuleKit
import Testing

@testable import KollaDocker

/// Kolla's `common_options` merge (`generate_module`; upstream `test_common_options*`).
@Suite struct CommonOptionsTests {
    /// Kolla's `docker_common_options` from group_vars/all/common.yml (strings as Jinja renders them).
    static let kollaCommon: JSONValue = [
        "auth_email": "ops@example.com", "auth_password": "secret", "auth_registry": "registry.example.com:4000",
        "auth_username": "kolla", "environment": ["KOLLA_CONFIG_STRATEGY": "COPY_ALWAYS"],
        "restart_policy": "unless-stopped", "restart_retries": "10", "graceful_timeout": 60, "client_timeout": "120",
        "container_engine": "docker",
    ]

    @Test func defaultsWithoutCommonOptions() throws {
        let o = try Fixtures.merged(["action": "start_container", "name": "x", "image": "i"])
        #expect(o["api_version"] == "auto")
        #expect(o["restart_retries"] == 10)
        #expect(o["graceful_timeout"] == 10)
        #expect(o["client_timeout"] == 120)
        #expect(o["container_engine"] == "docker")
        #expect(o["environment"] == .object([:]))
        for absent in ["auth_email", "auth_password", "auth_registry", "auth_username", "restart_policy", "docker_host"] {
            #expect(o[absent] == nil, "\(absent)")
        }
    }

    @Test func valuesFromCommonOptionsConvertedToTheirTypes() throws {
        let o = try Fixtures.merged(["action": "start_container", "name": "x", "image": "i", "common_options": Self.kollaCommon])
        #expect(o["restart_retries"] == 10)  // "10" → 10
        #expect(o["client_timeout"] == 120)
        #expect(o["graceful_timeout"] == 60)
        #expect(o["restart_policy"] == "unless-stopped")
        #expect(o["auth_username"] == "kolla")
        #expect(o["auth_registry"] == "registry.example.com:4000")
        #expect(o["environment"] == ["KOLLA_CONFIG_STRATEGY": "COPY_ALWAYS"])
        #expect(o["api_version"] == "auto")
    }

    @Test func moduleArgumentsOverrideCommonOptions() throws {
        let o = try Fixtures.merged([
            "action": "start_container", "name": "x", "image": "i", "common_options": Self.kollaCommon,
            "restart_retries": 50, "graceful_timeout": 100, "auth_email": "me@example.com",
            "environment": ["KOLLA_CONFIG_STRATEGY": "COPY_ONCE", "EXTRA": "1"],
        ])
        #expect(o["restart_retries"] == 50)
        #expect(o["graceful_timeout"] == 100)
        #expect(o["auth_email"] == "me@example.com")
        #expect(o["environment"] == ["KOLLA_CONFIG_STRATEGY": "COPY_ONCE", "EXTRA": "1"])
    }

    @Test func nullCommonValuesFallBackToDefaults() throws {
        let o = try Fixtures.merged([
            "action": "start_container", "name": "x", "image": "i",
            "common_options": ["restart_retries": nil, "environment": nil, "api_version": nil],
        ])
        #expect(o["restart_retries"] == 10)
        #expect(o["api_version"] == "auto")
        #expect(o["environment"] == .object([:]))
    }

    @Test func unknownCommonKeysAreIgnored() throws {
        let o = try Fixtures.merged(["action": "start_container", "name": "x", "image": "i", "common_options": ["privileged": true, "foo": 1]])
        #expect(o["privileged"] == false)
        #expect(o["foo"] == nil)
    }

    @Test func falsyPidAndIpcModesAreDropped() throws {
        let o = try Fixtures.merged(["action": "start_container", "name": "x", "image": "i", "pid_mode": "", "ipc_mode": ""])
        #expect(o["pid_mode"] == nil && o["ipc_mode"] == nil)
        let host = try Fixtures.merged(["action": "start_container", "name": "x", "image": "i", "pid_mode": "host"])
        #expect(host["pid_mode"] == "host")
    }

    @Test func badCommonValuesFailWithAnsiblesWording() {
        let failure = ModuleFailure.from {
            _ = try Fixtures.merged(["action": "start_container", "name": "x", "image": "i", "common_options": ["restart_retries": "ten"]])
        }
        #expect(
            failure?.msg.hasPrefix("argument 'common_options.restart_retries' is of type <class 'str'> and we were unable to convert to int") == true,
            "\(failure?.msg ?? "")")
        let env = ModuleFailure.from {
            _ = try Fixtures.merged(["action": "start_container", "name": "x", "image": "i", "common_options": ["environment": ["a"]]])
        }
        #expect(env?.msg == "common_options.environment must be a mapping")
    }
}
