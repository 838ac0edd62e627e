import JSON
import ModuleKit
import Testing

@testable import KollaDocker

/// `ContainerOptions.table` is the one declaration of the container options: the spec, the
/// parsing, the create request and the comparison all come from it.
@Suite struct OptionTableTests {
    /// A fake option, `hostname` (Docker's `Config.Hostname`), declared as a real one would be.
    static let hostname = ContainerOption(
        .str("hostname", default: "node"), parse: { s, v, _ in s.untyped["hostname"] = v },
        create: { s, _, r in r.body["Hostname"] = s.untyped["hostname"] },
        compare: .init("hostname") { c in
            let current = c.container.at("Config", "Hostname") ?? .null
            let desired = c.spec.untyped["hostname"] ?? .null
            return current == desired ? nil : ComparisonFailure(name: "hostname", current: current, desired: desired)
        })

    @Test func aNewOptionFlowsFromSpecToComparison() throws {
        let table = ContainerOptions.table + [Self.hostname]
        let spec = KollaDockerSpec.make(table: table)
        let args: JSONObject = ["action": "start_container", "name": "oc_t_host", "image": "i:1", "hostname": "web1"]
        // The real spec does not know it; the table copy's spec does, with its default.
        #expect(throws: ModuleFailure.self) { try KollaDockerSpec.spec.validate(args, moduleName: "kolla_docker", context: "test") }
        let params = try spec.validate(args, moduleName: "kolla_docker", context: "test")
        #expect(try spec.validate(args.merging(["hostname": nil]), moduleName: "kolla_docker", context: "test")["hostname"] == "node")

        let desired = try ContainerSpec(CommonOptions.merge(params), timeZone: { "UTC" }, table: table)
        let body = CreateRequest.body(desired, table: table)
        #expect(body.at("Hostname") == "web1")
        #expect(CreateRequest.body(desired).at("Hostname") == nil)  // the real table does not map it

        var config = JSONObject()
        for key in ["Image", "Env", "Labels", "Tty", "Hostname"] { config[key] = body.at(key) }
        let created = Fixtures.container(hostConfig: body.at("HostConfig")?.objectValue ?? [:], config: config)
        func failures(_ container: JSONValue) -> [String] {
            ContainerComparison(spec: desired, container: container, containerImage: Fixtures.image(), desiredImageID: Fixtures.imageID)
                .failures(table: table).map(\.name)
        }
        #expect(failures(created) == [])
        var renamed = config
        renamed["Hostname"] = "web2"
        let other = Fixtures.container(hostConfig: body.at("HostConfig")?.objectValue ?? [:], config: renamed)
        #expect(failures(other) == ["hostname"])
    }

    @Test func everyOptionOnceAndEveryRuleNamedOnce() {
        let names = ContainerOptions.table.map(\.name)
        #expect(Set(names).count == names.count)
        let specNames = Set(KollaDockerSpec.spec.params.map(\.name))
        #expect(Set(names).isSubset(of: specNames))
        #expect(Set(KollaDockerSpec.taskParams.map(\.name)).isDisjoint(with: names))
        let rules = ContainerComparison.checks.map(\.name)
        #expect(Set(rules).count == rules.count)
        // Kolla's compare_container order, which `comparison_failures` keep.
        #expect(
            rules == [
                "cap_add", "group_add", "security_opt", "image", "ipc_mode", "labels", "privileged", "pid_mode", "cgroupns_mode", "tmpfs",
                "volumes", "volumes_from", "environment", "container_state", "dimensions", "command", "healthcheck", "restart_policy",
            ])
    }
}
