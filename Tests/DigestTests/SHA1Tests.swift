import Digest
import Testing

@Suite struct SHA1Tests {
    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        (String(repeating: "a", count: 1000), "291e9a6c66994949b57ba5e650361e98fc36b1ba"),
    ])
    func knownVectors(input: String, hex: String) {
        #expect(SHA1.hex(Array(input.utf8)) == hex)
    }

    @Test func incrementalEqualsOneShot() {
        let data = Array((0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        var sha = SHA1()
        sha.update(data[0..<13])
        sha.update(data[13..<700])
        sha.update(data[700...])
        #expect(Hex.encode(sha.finalize()) == SHA1.hex(data))
    }
}
