import Foundation
import Testing

/// One golden case under `Vectors/<kind>/<name>/`: sources `1.conf`, `2.conf`, … merged in
/// order, plus `expected.conf` / `expected-nows.conf` or `error.txt`. Every expected file was
/// produced by oslo.config 10.7.0's `iniparser` driving Kolla-Ansible 23's
/// `OverrideConfigParser` (sources read as Kolla does: text mode, then `StringIO`).
struct VectorCase: CustomTestStringConvertible, Sendable {
    let name: String
    let directory: URL

    var testDescription: String { name }

    /// Source texts in merge order.
    var sources: [String] {
        var result: [String] = []
        var index = 1
        while let text = Self.read(directory.appendingPathComponent("\(index).conf")) {
            result.append(text)
            index += 1
        }
        return result
    }

    func file(_ name: String) -> String? {
        Self.read(directory.appendingPathComponent(name))
    }

    static func all(_ kind: String) -> [VectorCase] {
        guard let root = Bundle.module.url(forResource: "Vectors", withExtension: nil) else { return [] }
        let base = root.appendingPathComponent(kind)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        return names.sorted().map { VectorCase(name: $0, directory: base.appendingPathComponent($0)) }
    }

    private static func read(_ url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Byte comparison: `String ==` treats canonically equivalent text as equal, which would hide
/// exactly the differences these tests exist to catch.
func expectBytes(_ actual: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(Array(actual.utf8) == Array(expected.utf8), "got \(actual.debugDescription)", sourceLocation: sourceLocation)
}
