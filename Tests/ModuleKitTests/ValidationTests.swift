import JSON
import ModuleKit
import ModuleTesting
import Testing

@Suite struct ValidationTests {
    func msg(_ args: JSONObject) -> String? {
        let result = runModule(Probe.self, args: args)
        guard result["failed"] == .bool(true) else { return nil }
        return result["msg"]?.stringValue
    }

    @Test func unknownParametersUseAnsibleWording() {
        #expect(
            msg(["zeta": 1, "alpha": 2]) == "Unsupported parameters for (probe) module: alpha, zeta. Supported parameters include: "
                + "anything, blob, count, first, flag, items, name, names, password, path_a, path_b, ratio, second, settings, state, sub, subs, tags, where (label)."
        )
    }

    @Test func unknownNestedParameterIsNamedWithItsParent() {
        #expect(msg(["sub": ["inner": "x", "bogus": 1]])?.hasPrefix("Unsupported parameters for (probe) module: sub.bogus.") == true)
    }

    @Test func moduleNameComesFromAnsible() {
        var args: JSONObject = ["zeta": 1]
        args["_ansible_module_name"] = "overcloud.containers.probe"
        let result = ModuleExecution.run(Probe.self, Invocation(args), files: MemoryFileSystem())
        #expect(result["msg"]?.stringValue?.hasPrefix("Unsupported parameters for (overcloud.containers.probe) module: zeta.") == true)
    }

    @Test func ignoreUnknownOptionsIsHonoured() {
        var args: JSONObject = ["zeta": 1]
        args["_ansible_ignore_unknown_opts"] = true
        #expect(ModuleExecution.run(Probe.self, Invocation(args), files: MemoryFileSystem())["failed"] == nil)
    }

    @Test func rulesUseAnsibleWording() {
        #expect(msg(["first": "a", "second": "b"]) == "parameters are mutually exclusive: first|second")
        #expect(msg(["path_a": "a"]) == "parameters are required together: path_a, path_b")
        #expect(msg(["state": "absent"]) == "state is absent but all of the following are missing: name")
        #expect(msg(["state": "gone"]) == "value of state must be one of: present, absent, got: gone")
        #expect(msg(["tags": ["a", "c"]]) == "value of tags must be one or more of: a, b. Got no match for: c")
        #expect(msg(["sub": ["size": 1]]) == "missing required arguments: inner found in sub")
        #expect(msg(["subs": [["id": "x"], ["other": 1]]])?.hasPrefix("missing required arguments: id found in subs") == true)
        #expect(msg(["state": "absent", "name": "n"]) == nil)
    }

    @Test func appliesNestedDefaults() throws {
        let result = runModule(Probe.self, args: ["sub": ["inner": "x"]])
        #expect(result["params"]?.objectValue?["sub"] == ["inner": "x", "size": 3])
    }

    @Test func aliasWinsWithAWarning() throws {
        let result = runModule(Probe.self, args: ["name": "a", "label": "b"])
        #expect(result["params"]?.objectValue?["name"] == "b")
        #expect(result["warnings"] == ["Both option name and its alias label are set."])
    }

    @Test func noLogValuesAreMaskedInInvocationAndMessages() throws {
        let result = runModule(Probe.self, args: ["name": "boom", "password": "s3cr3t-value"])
        #expect(result["failed"] == .bool(true))
        #expect(result["msg"] == "name: boom with ********")
        let echoed = result["invocation"]?.objectValue?["module_args"]?.objectValue
        #expect(echoed?["password"] == .string(NoLog.placeholder))
        #expect(!JSONWriter().write(.object(result)).contains("s3cr3t-value"))
    }

    @Test func noLogValuesAreMaskedInValidationErrors() throws {
        let result = runModule(Probe.self, args: ["password": "hunter22", "count": "hunter22"])
        let text = JSONWriter().write(.object(result))
        #expect(result["failed"] == .bool(true))
        #expect(!text.contains("hunter22"))
    }

    @Test func checkModeIsSkippedForModulesThatCannotCheck() {
        let result = runModule(NoCheck.self, args: [:], check: true)
        #expect(result["skipped"] == .bool(true))
        #expect(result["changed"] == .bool(false))
        #expect(result["msg"] == "remote module (nocheck) does not support check mode")
        #expect(runModule(NoCheck.self, args: [:])["changed"] == .bool(true))
    }

    @Test func invocationEchoesValidatedParameters() throws {
        let result = runModule(Probe.self, args: ["count": "2"])
        let echoed = try #require(result["invocation"]?.objectValue?["module_args"]?.objectValue)
        #expect(echoed["count"] == 2)
        #expect(echoed["state"] == "present")
    }

    @Test func specsAreSelfConsistent() {
        #expect(Probe.spec.selfCheck().isEmpty)
        let bad = ModuleSpec([.str("a", default: "z", choices: ["x"]), .str("b", aliases: ["a"])], mutuallyExclusive: [["a", "nope"]])
        #expect(bad.selfCheck().count == 3)
    }
}
