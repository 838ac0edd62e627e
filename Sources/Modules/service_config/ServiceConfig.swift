import JSON
public import ModuleKit

/// `service_config`: every config directory and file of a service in one task (Kolla's config.yml is one task
/// per file). A no-op redeploy spends its time on Ansible's per-task cost, not on the files: one binary task
/// in place of a `file` + `template` + `merge_configs` chain per service is what brings the control plane's
/// no-op under 10 s (bench/README.md). Files are written with `ManagedFile` (atomic, modes, owners, check and
/// diff mode); INI files are merged by `MergeConfigs.merged`, so they stay byte-identical to Kolla's.
/// User docs: collection/plugins/modules/service_config.yml; the controller half (rendering `src` and
/// `ini_sources`) is plugins/action/service_config.py.
public enum ServiceConfig: AnsibleModule {
    public static let name = "service_config"
    public static let summary = "Write a service's config directories and files in one task (plain, merged INI, secret)"
    public static let spec = ModuleSpec([
        .list(
            "directories", of: .dict, default: [],
            options: ModuleSpec([
                .path("path", required: true), .raw("mode"), .str("owner"), .str("group"),
            ])),
        .list(
            "files", of: .dict, default: [],
            options: ModuleSpec(
                [
                    .path("dest", required: true),
                    .str("content", noLog: true),
                    .list("ini", of: .str, noLog: true),
                    .bool("whitespace", default: true),
                    .raw("mode"), .str("owner"), .str("group"),
                    .bool("secret", default: false),
                ],
                mutuallyExclusive: [["content", "ini"]], requiredOneOf: [["content", "ini"]])),
    ])

    public static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        var report = Report()
        for (index, item) in params.entries("directories").enumerated() {
            try ConfigDirectory(item, index: index).ensure(on: host, into: &report)
        }
        for (index, item) in params.entries("files").enumerated() {
            try ConfigFile(item, index: index).write(on: host, into: &report)
        }
        var result = ModuleResult(changed: !report.actions.isEmpty)
        result.set("actions", .array(report.actions.map { .string($0) }))
        result.diff = report.diffs
        return result
    }
}

/// What the task did so far: one action per changed directory or file, their diffs, and the directories
/// that exist or (in check mode) would exist by now.
struct Report {
    var actions: [String] = []
    var diffs: [Diff] = []
    var directories: Set<String> = []
}
