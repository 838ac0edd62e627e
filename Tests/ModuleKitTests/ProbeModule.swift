import JSON
import ModuleKit

/// A module that returns its validated parameters, to test the kit's validation end to end.
enum Probe: AnsibleModule {
    static let name = "probe"
    static let summary = "echo validated parameters"
    static let spec = ModuleSpec(
        [
            .str("name", aliases: ["label"]),
            .bool("flag"),
            .int("count"),
            .float("ratio"),
            .path("where"),
            .raw("anything"),
            .list("items", of: .int),
            .list("names"),
            .dict("settings"),
            Param("blob", .json),
            .str("state", default: "present", choices: ["present", "absent"]),
            .list("tags", of: .str, choices: ["a", "b"]),
            .str("password", noLog: true),
            .str("first"), .str("second"),
            .str("path_a"), .str("path_b"),
            .dict("sub", options: ModuleSpec([.str("inner", required: true), .int("size", default: 3)])),
            .list("subs", of: .dict, options: ModuleSpec([.str("id", required: true)])),
        ],
        mutuallyExclusive: [["first", "second"]],
        requiredTogether: [["path_a", "path_b"]],
        requiredIf: [.init("state", "absent", ["name"])])

    static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        if params.string("name") == "boom" { throw ModuleFailure("name: boom with \(params.string("password") ?? "")") }
        var result = ModuleResult(changed: false)
        result.set("params", .object(params.values))
        result.set("check", .bool(host.checkMode))
        return result
    }
}

/// A module that cannot run in check mode.
enum NoCheck: AnsibleModule {
    static let name = "nocheck"
    static let summary = "no check mode"
    static let spec = ModuleSpec(supportsCheckMode: false, [])
    static func run(_ params: Params, on host: Host) throws -> ModuleResult { ModuleResult(changed: true) }
}
