import Testing
import YAML

/// Golden vectors from the real PyYAML: every source loads to the same Python objects (`repr`) and dumps to
/// the same bytes, or fails to load like PyYAML.
@Suite struct PyYAMLVectorTests {
    static let curated = PyYAMLVector.all("curated")
    static let random = PyYAMLVector.all("random")

    @Test func vectorsArePresent() {
        #expect(Self.curated.count > 100)
        #expect(Self.random.count >= 100)
    }

    @Test(arguments: curated + random)
    func matchesPyYAML(_ vector: PyYAMLVector) throws {
        if vector.error != nil {
            #expect(throws: YAMLError.self) { try YAML.load(vector.source) }
            return
        }
        let loaded = try YAML.load(vector.source)
        if let repr = vector.repr {
            expectBytes(loaded?.pythonRepr ?? "None", repr)
        }
        if let expected = vector.dump {
            expectBytes(YAML.dump(try loadOrEmpty(vector.source), width: vector.width), expected)
        }
    }

    /// Dumping is a fixed point: PyYAML's output loads back to a value that dumps to the same bytes.
    @Test(arguments: curated.filter { $0.dump != nil })
    func dumpOutputRoundTrips(_ vector: PyYAMLVector) throws {
        let dumped = vector.dump ?? ""
        expectBytes(YAML.dump(try loadOrEmpty(dumped), width: vector.width), dumped)
    }
}
