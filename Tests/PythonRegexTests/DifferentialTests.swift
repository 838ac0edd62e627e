import Foundation
import PythonRegex
import Testing

/// `Vectors/differential.json` (tools/generate_vectors.py): thousands of seeded generated patterns,
/// each judged by Python's `re` — rejected (with Python's message) or searched in every name.
@Suite struct DifferentialTests {
    struct Vectors: Decodable {
        struct Vector: Decodable {
            var pattern: String
            var error: String?
            var matches: String?
        }
        var python: String
        var names: [String]
        var vectors: [Vector]
    }

    static func load() throws -> Vectors {
        let url = try #require(Bundle.module.url(forResource: "differential", withExtension: "json", subdirectory: "Vectors"))
        return try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    }

    @Test func agreesWithPythonOnGeneratedPatterns() throws {
        let file = try Self.load()
        #expect(file.vectors.count >= 4000)
        var disagreements: [String] = []
        var checked = 0
        for vector in file.vectors {
            let compiled: PythonRegex
            do {
                compiled = try PythonRegex(vector.pattern)
            } catch {
                if vector.error == nil { disagreements.append("\(vector.pattern.debugDescription): Python accepts, we say \(error)") }
                continue
            }
            guard let expected = vector.matches else {
                disagreements.append("\(vector.pattern.debugDescription): Python rejects (\(vector.error ?? "")), we accept")
                continue
            }
            for (name, bit) in zip(file.names, expected) {
                checked += 1
                if compiled.matches(name) != (bit == "1") {
                    disagreements.append("\(vector.pattern.debugDescription) on \(name.debugDescription): Python \(bit == "1")")
                }
            }
        }
        #expect(checked > 100_000)
        #expect(
            disagreements.isEmpty,
            "\(disagreements.count) disagreements with Python \(file.python):\n\(disagreements.prefix(40).joined(separator: "\n"))")
    }

    /// Python's own reasons, so an operator can fix the entry.
    @Test(arguments: [
        ("(glance", "missing ), unterminated subpattern at position 0"),
        ("nova-(conductor|scheduler", "missing ), unterminated subpattern at position 5"),
        ("*-api", "nothing to repeat at position 0"),
        ("[z-a]", "bad character range z-a at position 1"),
        ("\\q", "bad escape \\q at position 0"),
        ("a(?i)", "global flags not at the start of the expression at position 1"),
        ("(?P<n>a)(?P<n>b)", "redefinition of group name 'n' as group 2; was group 1 at position 12"),
    ])
    func rejectsWithPythonsReason(pattern: String, reason: String) {
        #expect(throws: PythonRegexError.malformed(pattern: pattern, reason: reason)) { try PythonRegex(pattern) }
    }

    /// The patterns operators write in ContainerImagePrepare, and the Python-only spellings.
    @Test(arguments: [
        ("(glance|cinder)-api", "quay.io/t/openstack-cinder-api:current", true),
        ("nova-(conductor|scheduler)", "quay.io/t/openstack-nova-compute:current", false),
        ("nova-(?:conductor|scheduler)$", "x/nova-scheduler", true),
        ("(?P<svc>nova)-(?P=svc)", "nova-nova", true),
        ("openstack-[a-z]{4,6}-api", "openstack-glance-api", true),
        ("api\\Z", "nova-api\n", false),
        ("api$", "nova-api\n", true),
        ("\\Anova", "nova", true),
        ("(?i)NOVA", "nova-api", true),
        ("a{,2}b", "aab", true),
        ("[[:alpha:]]", "a", false),
        ("[[:alpha:]]", ":]", true),
        ("(?x) nova - api  # comment", "nova-api", true),
        ("\\s", "\u{1c}", true),
        ("[\\S]", "\u{1f}", false),
        ("\\B", "", false),
        ("^(?a:\\w+)$", "k\u{e9}ystone", false), ("^\\w+$", "k\u{e9}ystone", true),
        ("(?t)nova", "nova", true),
    ])
    func pythonSemantics(pattern: String, text: String, found: Bool) throws {
        #expect(try PythonRegex(pattern).matches(text) == found)
    }
}
