import JSON
import ModuleKit
import Testing

@Suite struct FileModeTests {
    @Test(
        arguments: [
            (JSONValue.string("0644"), UInt32(0o600), UInt32(0o644)), ("644", 0o600, 0o644), (420, 0o600, 0o644), ("u=rw,g=r,o=", 0o777, 0o640),
            ("a+x", 0o644, 0o755), ("go-w", 0o666, 0o644), ("u+X", 0o644, 0o644), ("u+X", 0o654, 0o754), ("=r", 0o777, 0o444),
            ("u+s", 0o755, 0o4755), ("2775", 0, 0o2775),
        ] as [(JSONValue, UInt32, UInt32)])
    func appliesModes(value: JSONValue, current: UInt32, expected: UInt32) throws {
        let mode = try FileMode.parse(value)
        #expect(try mode.apply(to: current, isDirectory: false) == expected)
    }

    @Test(arguments: ["0999", "u=q", "rw", "", .bool(true), 70000] as [JSONValue])
    func rejectsBadModes(value: JSONValue) {
        #expect(throws: ModuleFailure.self) { try FileMode.parse(value) }
    }

    @Test func printsOctal() {
        #expect(FileMode.octal(0o644) == "0644")
        #expect(FileMode.octal(0o4755) == "4755")
    }
}
