import JSON
import ModuleKit
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct RunnerTests {
    let modules: [any AnsibleModule.Type] = [Probe.self, NoCheck.self]

    func writeTemp(_ text: String) -> String {
        var template = Array("/tmp/oc-runner-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        _ = text.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        return String(cString: template.map { UInt8(bitPattern: $0) })
    }

    func parse(_ output: String) throws -> JSONObject {
        try #require(try JSONParser().parse(output).objectValue)
    }

    @Test func dispatchesOnAnsiballZName() throws {
        let path = writeTemp(#"{"count": "3", "_ansible_check_mode": true}"#)
        defer { unlink(path) }
        let (out, status) = ModuleRunner.respond(to: ["/tmp/x/AnsiballZ_probe", path], modules: modules)
        let result = try parse(out)
        #expect(status == 0)
        #expect(result["params"]?.objectValue?["count"] == 3)
        #expect(result["check"] == .bool(true))
    }

    @Test func dispatchesOnModuleNameArgumentAndFQCN() throws {
        let path = writeTemp(#"{"_ansible_module_name": "overcloud.containers.nocheck"}"#)
        defer { unlink(path) }
        let (viaArg, _) = ModuleRunner.respond(to: ["overcloud-node", "probe", path], modules: modules)
        #expect(try parse(viaArg)["params"] != nil)
        let (viaFQCN, _) = ModuleRunner.respond(to: ["overcloud-node", path], modules: modules)
        #expect(try parse(viaFQCN)["changed"] == .bool(true))
    }

    @Test(
        arguments: [
            ("not json", "is not valid JSON"), ("[1, 2]", "expected a JSON object of module arguments"),
            (#"{"a": "#, "is not valid JSON: the text ends too early"), ("", "is not valid JSON: no JSON value"),
        ] as [(String, String)])
    func badArgsFilesFailCleanly(text: String, fragment: String) throws {
        let path = writeTemp(text)
        defer { unlink(path) }
        let (out, status) = ModuleRunner.respond(to: ["probe", path], modules: modules)
        let result = try parse(out)
        #expect(status == 1)
        #expect(result["failed"] == .bool(true))
        #expect(result["msg"]?.stringValue?.contains(fragment) == true, "\(out)")
    }

    @Test func missingArgsFileFailsCleanly() throws {
        let (out, status) = ModuleRunner.respond(to: ["probe", "/nonexistent/args"], modules: modules)
        #expect(status == 1)
        #expect(try parse(out)["msg"] == "args file /nonexistent/args: no such file")
    }

    @Test func listsModulesAndPrintsHelp() {
        #expect(ModuleRunner.respond(to: ["overcloud-node", "--list-modules"], modules: modules).output == "probe\nnocheck\n")
        let help = ModuleRunner.respond(to: ["probe", "--help"], modules: modules)
        #expect(help.status == 0 && help.output.contains("--count") && help.output.contains("choices: present, absent"))
        #expect(ModuleRunner.respond(to: ["probe", "--version"], modules: modules).output.hasPrefix("probe (overcloud.containers "))
    }

    @Test func commandLineOptionsBecomeArguments() throws {
        let (out, status) = ModuleRunner.respond(
            to: ["probe", "--names", "a", "b", "--count", "4", "--flag", "--check"], modules: modules)
        let result = try parse(out)
        #expect(status == 0)
        #expect(result["params"]?.objectValue?["names"] == ["a", "b"])
        #expect(result["params"]?.objectValue?["flag"] == .bool(true))
        #expect(result["check"] == .bool(true))
        let bad = ModuleRunner.respond(to: ["probe", "stray"], modules: modules)
        #expect(bad.status != 0)
    }
}
