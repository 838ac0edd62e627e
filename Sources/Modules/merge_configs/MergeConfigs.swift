import INI
import JSON
public import ModuleKit

/// `merge_configs`: merges oslo-style INI sources into `dest`, byte-identical to Kolla-Ansible.
/// User docs: collection/plugins/modules/merge_configs.yml (a test keeps it equal to `spec`).
public enum MergeConfigs: AnsibleModule {
    public static let name = "merge_configs"
    public static let summary = "Merge oslo-style INI files in order (Kolla-compatible, byte-exact)"
    public static let spec = ModuleSpec(
        [
            .list("sources", of: .path, default: []),
            .list("contents", of: .str, default: [], noLog: true),  // filled by the controller-side action plugin
            .path("dest", required: true),
            .bool("whitespace", default: true),
        ] + ManagedFile.options)

    public static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        let file = try ManagedFile(params: params)
        let merged = try merged(try SourceTexts.collect(params, on: host), whitespace: params.bool("whitespace"))
        return try file.update(to: merged, on: host)
    }

    /// The sources merged in order and rendered as Kolla's `merge_configs` writes them (also used by
    /// `service_config`). A parse error names the source and the line within it.
    public static func merged(_ sources: [SourceTexts.Source], whitespace: Bool) throws(ModuleFailure) -> [UInt8] {
        var merge = INIMerge()
        var linesBefore = 0
        for source in sources {
            do {
                try merge.merge(source.text)
            } catch {
                guard case .syntax(let line, let reason, let text) = error else { throw ModuleFailure("\(source.name): \(error)") }
                // Kolla counts lines across all sources; we name the source and its own line.
                let local = INIError.syntax(line: line - linesBefore, reason: reason, text: text)
                throw ModuleFailure("\(source.name): \(local)")
            }
            linesBefore = merge.linesRead
        }
        return Array(merge.rendered(whitespace: whitespace).utf8)
    }
}
