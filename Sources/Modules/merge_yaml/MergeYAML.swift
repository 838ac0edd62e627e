public import JSON
public import ModuleKit
import YAML

/// `merge_yaml`: deep-merges YAML mappings in order and writes them like Kolla-Ansible
/// (PyYAML `dump`, sorted keys). Where Kolla crashes because a later source turns a scalar into a
/// mapping, the later value wins.
/// User docs: collection/plugins/modules/merge_yaml.yml.
public enum MergeYAML: AnsibleModule {
    public static let name = "merge_yaml"
    public static let summary = "Deep-merge YAML files in order (Kolla-compatible output)"
    public static let spec = ModuleSpec(
        [
            .list("sources", of: .path, default: []),
            .list("contents", of: .str, default: [], noLog: true),  // filled by the controller-side action plugin
            .path("dest", required: true),
            .bool("extend_lists", default: false),
            .int("yaml_width"),  // like PyYAML: unset, 0 or anything up to 4 means 80 columns
        ] + ManagedFile.options)

    public static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        let file = try ManagedFile(params: params)
        var merged = YAMLValue.mapping([])
        for source in try SourceTexts.collect(params, on: host) {
            let document: YAMLValue?
            do {
                document = try YAML.load(source.text)
            } catch {
                throw ModuleFailure("\(source.name): \(error)")
            }
            // Kolla reads `safe_load(...) or {}`: an empty or falsy document adds nothing.
            guard let document, document.isTruthy else { continue }
            guard case .mapping = document.unshared else {
                throw ModuleFailure("\(source.name): the document must be a mapping at the top level, not \(document.pythonTypeName)")
            }
            do {
                merged = try NestedMerge.merge(merged, document, extendLists: params.bool("extend_lists"))
            } catch {
                throw ModuleFailure("\(source.name): \(error)")
            }
        }
        let text = YAML.dump(merged, width: params.int("yaml_width"))
        return try file.update(to: Array(text.utf8), on: host)
    }
}
