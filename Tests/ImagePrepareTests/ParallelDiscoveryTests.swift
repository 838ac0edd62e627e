import Testing
import YAML

@testable import ImagePrepare

/// Tag discovery runs for several images at once: the names come back in input order, and the
/// error is the first failing image's in that order, whichever thread finishes first.
@Suite struct ParallelDiscoveryTests {
    static let count = 40

    static func source(missing: Set<Int> = []) -> InMemoryLabelSource {
        InMemoryLabelSource(
            (0..<count).flatMap { i -> [InMemoryLabelSource.Image] in
                let name = "docker.io/t/svc-\(i)"
                let labelled = InMemoryLabelSource.Image(name, tag: "current", labels: [(key: "v", value: .string("v\(i)"))])
                return missing.contains(i) ? [labelled] : [labelled, .init(name, tag: "v\(i)")]
            })
    }

    static var images: [String] { (0..<count).map { "docker.io/t/svc-\($0):current" } }

    @Test func namesComeBackInInputOrder() throws {
        let preparation = ImagePreparation(map: ImageMap(name: "t", defaultPrepare: [], images: []), labelSource: Self.source())
        let found = try preparation.discoverTags(Self.images, tagFromLabel: "v", defaultTag: false, entry: 0)
        #expect(found == (0..<Self.count).map { "docker.io/t/svc-\($0):v\($0)" })
    }

    @Test(arguments: 0..<5) func theFirstFailingImageInOrderIsReported(run: Int) throws {
        let preparation = ImagePreparation(
            map: ImageMap(name: "t", defaultPrepare: [], images: []), labelSource: Self.source(missing: [7, 23, 31]))
        #expect(throws: ImagePrepareError.tagDiscovery("Image docker.io/t/svc-7 has no tag v7.\nAvailable tags: current")) {
            try preparation.discoverTags(Self.images, tagFromLabel: "v", defaultTag: false, entry: 0)
        }
    }
}
