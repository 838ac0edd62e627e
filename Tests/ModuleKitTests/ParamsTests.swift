import JSON
import ModuleKit
import ModuleTesting
import Testing

/// A module whose reads are chosen by the task: `read` names the option to read and how.
private enum Reader: AnsibleModule {
    static let name = "reader"
    static let summary = "reads the option the task names"
    static let spec = ModuleSpec([
        .str("read", required: true),
        .str("how", default: "string", choices: ["string", "text", "number", "nested", "entries"]),
        .str("state", default: "present"),
        .str("label"),
        .int("size", default: 3),
        .dict("sub", default: [:], options: ModuleSpec([.str("inner", default: "in")])),
        .list("subs", of: .dict, default: [], options: ModuleSpec([.str("id", required: true)])),
    ])

    static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        let name = params.text("read")
        var result = ModuleResult(changed: true)
        switch params.text("how") {
        case "text": result.set("value", .string(params.text(name)))
        case "number": result.set("value", .int(params.number(name)))
        case "nested": result.set("value", .string(params.options("sub").text(name)))
        case "entries": result.set("value", .array(params.entries("subs").map { .string($0.text(name)) }))
        default: result.set("value", params[name] ?? .null)
        }
        return result
    }
}

@Suite struct ParamsTests {
    func run(_ args: JSONObject) -> JSONObject { runModule(Reader.self, args: args) }

    @Test func defaultsComeFromTheSpec() {
        #expect(run(["read": "state", "how": "text"])["value"] == "present")
        #expect(run(["read": "size", "how": "number"])["value"] == 3)
        #expect(run(["read": "size", "how": "number", "size": "7"])["value"] == 7)
        #expect(run(["read": "inner", "how": "nested"])["value"] == "in")
        #expect(run(["read": "id", "how": "entries", "subs": [["id": "a"], ["id": "b"]]])["value"] == ["a", "b"])
        // Hand-made parameters with the spec read its defaults too.
        #expect(Params([:], spec: Reader.spec).text("state") == "present")
    }

    @Test(
        arguments: [
            (["read": "stat"], "stat (not in the spec)"),
            (["read": "label", "how": "text"], "label (neither required nor defaulted: it may be absent)"),
            (["read": "innr", "how": "nested"], "sub.innr (not in the spec)"),
            (["read": "idd", "how": "entries", "subs": [["id": "a"]]], "subs.idd (not in the spec)"),
        ] as [(JSONObject, String)])
    func misreadsFailAsInternalErrors(args: JSONObject, named: String) {
        let result = run(args)
        #expect(result["failed"] == .bool(true))
        #expect(result["changed"] == .bool(true), "what the module did is still reported")
        #expect(result["msg"]?.stringValue == "internal error: reader read options its spec cannot give: \(named)")
    }

    @Test func declaredReadsPass() {
        let result = run(["read": "label", "label": "x"])
        #expect(result["failed"] == nil)
        #expect(result["value"] == "x")
    }

    @Test func handMadeParametersAreUnchecked() {
        let params = Params(["x": "1"])
        #expect(params.string("x") == "1" && params.string("y") == nil && params.misreadNames.isEmpty)
    }
}
