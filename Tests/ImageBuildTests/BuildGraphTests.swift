import Platform
import Testing

@testable import ImageBuild

@Suite struct BuildGraphTests {
    // base -> middle -> leaf, base -> side, other (a second root)
    let names = ["base", "middle", "leaf", "side", "other"]
    let parents: [Int?] = [nil, 0, 1, 0, nil]

    @Test func aFailureSkipsItsDescendantsWithTheReasonAndTheOthersGoOn() {
        let ran = Locked<[String]>([])
        let names = names
        let outcomes = BuildGraph(parents: parents, names: names).run(width: 1, preset: Array(repeating: nil, count: 5)) { index in
            ran.withLock { $0.append(names[index]) }
            return ImageOutcome(status: names[index] == "middle" ? .failed : .built, reason: names[index] == "middle" ? "RUN false" : nil)
        }
        #expect(outcomes.map(\.status) == [.built, .failed, .skipped, .built, .built])
        #expect(outcomes[2].reason == "parent middle failed")
        #expect(!ran.withLock { $0 }.contains("leaf"))
        let order = ran.withLock { $0 }
        #expect(order.firstIndex(of: "base")! < order.firstIndex(of: "middle")!)
    }

    @Test func presetFailuresSkipTheWholeSubtreeNamingTheChain() {
        let outcomes = BuildGraph(parents: parents, names: names).run(
            width: 2, preset: [ImageOutcome(status: .failed, reason: "template error"), nil, nil, nil, nil]
        ) { _ in ImageOutcome(status: .built) }
        #expect(outcomes.map(\.status) == [.failed, .skipped, .skipped, .skipped, .built])
        #expect(outcomes[2].reason == "parent middle was skipped (parent base failed)")
    }

    @Test func siblingsRunInParallelWithinTheBoundAndChildrenWaitForTheirParent() {
        // base -> 6 children
        let parents: [Int?] = [nil] + Array(repeating: 0, count: 6)
        let names = ["base"] + (1...6).map { "c\($0)" }
        let state = Locked((running: 0, peak: 0, baseDone: false, childBeforeBase: false))
        let outcomes = BuildGraph(parents: parents, names: names).run(width: 3, preset: Array(repeating: nil, count: 7)) { index in
            state.withLock { s in
                s.running += 1
                s.peak = max(s.peak, s.running)
                if index > 0 && !s.baseDone { s.childBeforeBase = true }
            }
            Sleep.milliseconds(40)
            state.withLock { s in
                s.running -= 1
                if index == 0 { s.baseDone = true }
            }
            return ImageOutcome(status: .built)
        }
        #expect(outcomes.allSatisfy { $0.status == .built })
        let final = state.withLock { $0 }
        #expect(final.peak == 3)
        #expect(!final.childBeforeBase)
    }

    @Test func aParentCycleFailsItsMembersInsteadOfHanging() {
        let outcomes = BuildGraph(parents: [1, 0, nil], names: ["a", "b", "c"]).run(width: 2, preset: [nil, nil, nil]) { _ in
            ImageOutcome(status: .built)
        }
        #expect(outcomes.map(\.status) == [.failed, .failed, .built])
        #expect(outcomes[0].reason?.contains("parent cycle") == true)
    }

    @Test func theReadyImageWithTheLongestLineBelowItStartsFirst() {
        // base -> {a, b, c, deep -> middle -> leaf}: with one thread, `deep` (two generations below) goes before
        // the leaves a, b and c although it comes after them in index order.
        let names = ["base", "a", "b", "c", "deep", "middle", "leaf"]
        let parents: [Int?] = [nil, 0, 0, 0, 0, 4, 5]
        #expect(BuildGraph.generationsBelow(parents: parents) == [3, 0, 0, 0, 2, 1, 0])
        let ran = Locked<[String]>([])
        _ = BuildGraph(parents: parents, names: names).run(width: 1, preset: Array(repeating: nil, count: 7)) { index in
            ran.withLock { $0.append(names[index]) }
            return ImageOutcome(status: .built)
        }
        #expect(ran.withLock { $0 } == ["base", "deep", "middle", "a", "b", "c", "leaf"])
    }

    @Test func generationsBelowAParentCycleStayBounded() {
        let generations = BuildGraph.generationsBelow(parents: [1, 0, nil])
        #expect(generations[2] == 0)
        #expect(generations.allSatisfy { $0 <= 3 })
    }
}
