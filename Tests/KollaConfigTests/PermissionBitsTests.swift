import KollaConfig
import Testing

@Suite struct PermissionBitsTests {
    @Test(arguments: [("0600", 0o600), ("600", 0o600), ("0o600", 0o600), ("0O640", 0o640), ("2775", 0o2775), ("0", 0)])
    func parsesOctalSpellings(text: String, bits: Int) {
        #expect(PermissionBits(parsing: text)?.bits == UInt32(bits))
    }

    @Test(arguments: ["", "0o", "0800", "abc", "17777", "-1", "0x1ff"])
    func rejectsNonOctal(text: String) {
        #expect(PermissionBits(parsing: text) == nil)
    }

    @Test func printsFourDigitsLikeKolla() {
        #expect(PermissionBits(0o644).description == "0644")
        #expect(PermissionBits(0o2775).description == "2775")
        #expect(PermissionBits(0).description == "0000")
    }

    @Test func directoriesGetExecuteForEachReadBit() {
        #expect(PermissionBits(0o640).forDirectory.bits == 0o750)
        #expect(PermissionBits(0o604).forDirectory.bits == 0o705)
        #expect(PermissionBits(0o2664).forDirectory.bits == 0o2775)
        #expect(PermissionBits(0o200).forDirectory.bits == 0o200)
    }
}
