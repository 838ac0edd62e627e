import JSON
import ModuleKit
import Testing

@testable import KollaDocker

/// `reconcile_containers`' `services`: a Kolla `<project>_services` dict as a role defines it.
@Suite struct ServiceDefinitionsTests {
    /// ansible/roles/memcached/defaults/main.yml's `memcached_services`, rendered (Jinja gives strings
    /// for the healthcheck numbers), plus a disabled service and one without `container_name`.
    static let memcachedServices: JSONValue = [
        "memcached": [
            "container_name": "memcached", "image": "quay.io/openstack.kolla/memcached:2025.1-ubuntu-noble", "enabled": true,
            "group": "memcached",
            "volumes": [
                "/etc/kolla/memcached/:/var/lib/kolla/config_files/:ro", "/etc/localtime:/etc/localtime:ro", "kolla_logs:/var/log/kolla/", "",
            ],
            "dimensions": [:],
            "healthcheck": [
                "interval": "30", "retries": "3", "start_period": "5", "test": ["CMD-SHELL", "healthcheck_listen memcached 11211"], "timeout": "30",
            ],
            "haproxy": ["memcached": ["enabled": false, "mode": "tcp", "port": "11211"]],
        ],
        "memcached_exporter": ["container_name": "prometheus_memcached_exporter", "image": "exporter:1", "enabled": "no", "group": "x"],
        "sidecar": ["image": "sidecar:1", "environment": ["ONLY": "mine"], "restart_policy": "always", "iterate": true],
        "elsewhere": ["container_name": "elsewhere", "image": "e:1", "host_in_groups": false],
    ]

    static func entries(_ task: JSONObject) throws -> [ServiceDefinitions.Entry] {
        let merged = try Fixtures.merged(task)
        return try ServiceDefinitions.entries(Params(merged), moduleName: "kolla_docker")
    }

    static let task: JSONObject = [
        "action": "reconcile_containers", "services": memcachedServices,
        "common_options": ["environment": ["KOLLA_CONFIG_STRATEGY": "COPY_ALWAYS"], "restart_policy": "unless-stopped", "restart_retries": "10"],
        "graceful_timeout": 60,
    ]

    @Test func kollaDictAsIs() throws {
        let entries = try Self.entries(Self.task)
        #expect(entries.map(\.key) == ["memcached", "memcached_exporter", "sidecar", "elsewhere"])
        #expect(entries.map(\.skipped) == [false, true, false, true])

        let memcached = try entries[0].params.get()
        #expect(memcached["name"] == "memcached")
        #expect(memcached["action"] == "start_container")
        #expect(memcached["group"] == nil && memcached["haproxy"] == nil && memcached["container_name"] == nil)
        #expect(memcached["graceful_timeout"] == 60)  // from the task
        let spec = try ContainerSpec(CommonOptions.merge(memcached), timeZone: { "UTC" })
        #expect(spec.name == "memcached")
        #expect(spec.restartPolicy == "unless-stopped" && spec.restartRetries == 10 && spec.gracefulTimeout == 60)
        #expect(spec.configStrategy == "COPY_ALWAYS")
        #expect(spec.volumes.named == ["kolla_logs"])
        guard case .check(let hc) = spec.healthcheck else {
            Issue.record("no healthcheck")
            return
        }
        #expect(hc["Interval"] == 30_000_000_000 && hc["Retries"] == 3)
    }

    @Test func keyIsTheNameWithoutContainerNameAndEntryOptionsWin() throws {
        let sidecar = try Self.entries(Self.task)[2].params.get()
        #expect(sidecar["name"] == "sidecar")
        #expect(sidecar["iterate"] == nil)
        let spec = try ContainerSpec(CommonOptions.merge(sidecar), timeZone: { "UTC" })
        #expect(spec.restartPolicy == "always")
        #expect(spec.environment.map(\.key) == ["KOLLA_CONFIG_STRATEGY", "ONLY", "KOLLA_SERVICE_NAME", "TZ"])
    }

    @Test func taskNameImageAndCommandAreNotInherited() throws {
        var task = Self.task
        task["services"] = ["svc": ["image": "svc:1"]]
        task["command"] = "sleep 1"
        let params = try Self.entries(task)[0].params.get()
        #expect(params["command"] == nil)
        #expect(params["name"] == "svc" && params["image"] == "svc:1")
    }

    @Test func listOfDefinitions() throws {
        var task = Self.task
        task["services"] = [["container_name": "a", "image": "a:1"], ["name": "b", "image": "b:1"]]
        let entries = try Self.entries(task)
        #expect(entries.map(\.key) == ["[0]", "[1]"])
        #expect(try entries.map { try $0.params.get()["name"] } == ["a", "b"])
    }

    @Test func invalidEntryFailsAloneWithItsKey() throws {
        var task = Self.task
        task["services"] = ["bad": ["image": "x:1", "privileged": "maybe"], "notadict": "x", "good": ["image": "g:1"]]
        let entries = try Self.entries(task)
        #expect(throws: ModuleFailure.self) { try entries[0].params.get() }
        let message = { (entry: ServiceDefinitions.Entry) -> String in
            if case .failure(let f) = entry.params { return f.msg } else { return "" }
        }
        #expect(message(entries[0]).hasPrefix("services[bad]: "), "\(message(entries[0]))")
        #expect(message(entries[1]) == "services[notadict]: expected a mapping")
        #expect(try entries[2].params.get()["name"] == "good")
    }

    @Test func servicesMustBeADictOrList() {
        var task = Self.task
        task["services"] = "memcached"
        #expect(
            ModuleFailure.from { _ = try Self.entries(task) }?.msg
                == "services: expected a mapping of service definitions (a Kolla <project>_services dict) or a list of them")
    }

    /// The role's per-item mode passes one entry whole (`service`): the container gets what the bulk
    /// run gives it, keys the per-item list once dropped (`restart_policy`, `group_add`, …) included.
    @Test(arguments: ["memcached", "sidecar"])
    func serviceOptionGivesTheBulkEntrysContainer(_ key: String) throws {
        let raw = try #require(Self.memcachedServices.at(key)?.objectValue)
        var definition = raw
        if key == "sidecar" { definition["group_add"] = ["0"] }
        var bulkTask = Self.task
        bulkTask["services"] = .object([key: .object(definition)])
        let bulk = try #require(try Self.entries(bulkTask).first).params.get()
        var itemTask = Self.task
        itemTask["services"] = nil
        itemTask["action"] = "compare_container"
        itemTask["name"] = .string(bulk["name"]?.stringValue ?? "")
        itemTask["service"] = .object(definition)
        let item = try ServiceDefinitions.expand(
            KollaDockerSpec.spec.validate(itemTask, moduleName: "kolla_docker", context: "test"), moduleName: "kolla_docker")
        #expect(item["service"] == nil)
        let spec = { (params: Params) in try ContainerSpec(CommonOptions.merge(params), timeZone: { "UTC" }) }
        let bulkBody = CreateRequest.body(try spec(bulk))
        #expect(CreateRequest.body(try spec(item)) == bulkBody)
        if key == "sidecar" {
            #expect(bulkBody.at("HostConfig", "RestartPolicy", "Name") == "always")
            #expect(bulkBody.at("HostConfig", "GroupAdd") == ["0"])
        }
    }

    @Test func serviceEntryIsValidatedWithItsName() throws {
        let task: JSONObject = ["action": "compare_container", "name": "x", "service": ["image": "x:1", "privileged": "maybe"]]
        let params = try KollaDockerSpec.spec.validate(task, moduleName: "kolla_docker", context: "test")
        let failure = ModuleFailure.from { _ = try ServiceDefinitions.expand(params, moduleName: "kolla_docker") }
        #expect(failure?.msg.contains("privileged") == true, "\(failure?.msg ?? "")")
    }
}
