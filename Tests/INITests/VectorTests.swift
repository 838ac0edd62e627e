import INI
import Testing

@Suite("Golden vectors (oracle: oslo.config iniparser + Kolla OverrideConfigParser)")
struct VectorTests {
    @Test("vector sets are present")
    func vectorsPresent() {
        #expect(VectorCase.all("merge").count >= 40)
        #expect(VectorCase.all("errors").count >= 25)
    }

    @Test("merge", arguments: VectorCase.all("merge"))
    func merge(_ vector: VectorCase) throws {
        var merge = INIMerge()
        for source in vector.sources { try merge.merge(source) }
        let expected = try #require(vector.file("expected.conf"))
        let expectedTight = try #require(vector.file("expected-nows.conf"))
        expectBytes(merge.rendered(), expected)
        expectBytes(merge.rendered(whitespace: false), expectedTight)
    }

    @Test("errors", arguments: VectorCase.all("errors"))
    func error(_ vector: VectorCase) throws {
        let expected = try #require(vector.file("error.txt"))
        var merge = INIMerge()
        var thrown: INIError?
        do {
            for source in vector.sources { try merge.merge(source) }
        } catch {
            thrown = error
        }
        let error = try #require(thrown)
        expectBytes(error.description, expected)
    }
}
