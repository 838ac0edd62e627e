import Foundation
import Testing
import YAML

/// One PyYAML golden case from `Vectors/{curated,random}.json`, produced by `tools/generate_vectors.py`
/// with PyYAML 6.0.3's pure-Python `safe_load` and `dump` (the pair Kolla-Ansible's merge_yaml uses).
struct PyYAMLVector: CustomTestStringConvertible, Sendable {
    let file: String
    let index: Int
    let source: String
    let width: Int?
    /// `yaml.dump(yaml.safe_load(source) or {}, default_flow_style=False, width=width)`.
    let dump: String?
    /// `repr(yaml.safe_load(source))` (absent when very long).
    let repr: String?
    /// `ExceptionClass: first line` when `safe_load` failed.
    let error: String?

    var testDescription: String { "\(file)#\(index) \(source.prefix(40).debugDescription)" }

    static func all(_ file: String) -> [PyYAMLVector] {
        guard let url = Bundle.module.url(forResource: "Vectors", withExtension: nil)?.appendingPathComponent("\(file).json"),
            let data = FileManager.default.contents(atPath: url.path),
            let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        return list.enumerated().map { index, entry in
            let source = entry["source"] as? String ?? ""
            var dump = entry["dump"] as? String
            if dump == "=source" { dump = source }
            return PyYAMLVector(
                file: file, index: index, source: source, width: entry["width"] as? Int, dump: dump,
                repr: entry["repr"] as? String, error: entry["error"] as? String)
        }
    }
}

/// Byte comparison: `String ==` treats canonically equivalent text as equal, which would hide
/// exactly the differences these tests exist to catch.
func expectBytes(_ actual: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(Array(actual.utf8) == Array(expected.utf8), "got \(actual.debugDescription)", sourceLocation: sourceLocation)
}

/// merge_yaml's reading of one source: `yaml.safe_load(text) or {}`.
func loadOrEmpty(_ text: String) throws -> YAMLValue {
    guard let value = try YAML.load(text), value.isTruthy else { return .mapping([]) }
    return value
}
