import ImagePrepare
import Testing
import YAML

/// Test helpers: environments from YAML text, the 18.0.0 map, the upstream tests' mappings.
enum Fixture {
    static let map18: ImageMap = {
        guard let map = try? ImageMap.builtin("18") else { fatalError("built-in map 18 does not load") }
        return map
    }()

    static let mapRocky: ImageMap = {
        guard let map = try? ImageMap.builtin("rocky") else { fatalError("built-in map rocky does not load") }
        return map
    }()

    /// YAML text → value (test input is literal, so a failure is a test bug).
    static func yaml(_ text: String) -> YAMLValue {
        do {
            return try YAML.load(text) ?? .null
        } catch {
            Issue.record("bad test YAML: \(error)")
            return .null
        }
    }

    /// `MA = {namespace: 192.0.2.0:8787/t, name_prefix: p, name_suffix: '', tag: l}` and variants.
    static func ma(namespace: String = "192.0.2.0:8787/t", extra: String = "") -> String {
        "{namespace: '\(namespace)', name_prefix: p, name_suffix: '', tag: l\(extra)}"
    }

    static func preparation(
        labels: (any ImageLabelSource)? = nil, insecure: Set<String> = [], undercloud: String = "192.0.2.0:8787", map: ImageMap = map18
    ) -> ImagePreparation {
        ImagePreparation(
            map: map, labelSource: labels, security: KnownRegistries(insecure: insecure), undercloudRegistry: { undercloud },
            defaultAppendTag: "-modified-20240101120000")
    }

    /// The params of one environment as `[name: value]` (values as Python `str`).
    static func params(_ result: ImagePreparation.Result) -> [String: String] {
        var out: [String: String] = [:]
        for key in result.params.keys { out[key] = result.params[key]?.pythonStr }
        return out
    }
}
