import KollaConfig
import Platform
import Testing

/// The images whose `kolla_set_configs` is this code say so with the label kolla_docker reads, at the
/// revision it expects: images/base (every OpenStack image) and the fixture kolla-base.
@Suite struct ImageLabelTests {
    static let repository = Paths.split(Paths.split(Paths.split(#filePath).directory).directory).directory

    @Test(arguments: ["images/base/Dockerfile.j2", "scripts/fixtures/kolla-images/base/Dockerfile"])
    func dockerfileCarriesTheLabel(file: String) throws {
        let bytes = try #require(try Files.readIfPresent(Self.repository + "/" + file))
        #expect(String(decoding: bytes, as: UTF8.self).contains("\(SetConfigs.imageLabel)=\"\(SetConfigs.checkRevision)\""), "\(file)")
    }
}
