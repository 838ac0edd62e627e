import Platform

/// What happened to one image.
enum ImageStatus: String, Sendable, Equatable {
    case built, unchanged, skipped, failed
    /// The same content existed under another tag and got this image's name, without a build.
    case tagged
    /// Check mode: the image would be built.
    case wouldBuild = "would_build"
    /// Check mode: the image would be tagged from another tag's identical image.
    case wouldTag = "would_tag"

    /// Whether children may build on it.
    var isUsable: Bool { self != .skipped && self != .failed }
}

/// One image's outcome.
struct ImageOutcome: Sendable, Equatable {
    var status: ImageStatus
    var id: String? = nil
    var seconds: Double = 0
    /// Why it failed or was skipped.
    var reason: String? = nil
    /// The failing build's last output lines.
    var outputTail: [String] = []
    var pushed: Bool = false
    var attempts: Int = 0
}

/// Kolla's build queue: parents before children, independent images on up to `width` threads; the
/// descendants of an image that did not end usable are skipped with the failed ancestor named, and
/// everything else goes on. Unlike Kolla's queue, the ready image with the most generations below it
/// starts first: the longest parent-to-child chain bounds a cold build, and in name order it waited
/// behind leaves (e.g. `openstack-base` behind `kolla-toolbox` and `mariadb-server`).
struct BuildGraph: Sendable {
    /// Per node: its parent's index (a parent inside the graph), or `nil` for a root.
    let parents: [Int?]
    /// Per node: its name, for skip reasons.
    let names: [String]

    private enum State: Sendable {
        case pending, running
        case done(ImageOutcome)

        var isDone: Bool {
            if case .done = self { return true }
            return false
        }
    }

    private enum Step {
        case work(Int)
        case wait, stop
    }

    /// Runs `work` once per node whose `preset` is `nil`, in dependency order; preset outcomes
    /// (e.g. a failed rendering) count as done from the start.
    /// - Returns: every node's outcome, by index.
    func run(width: Int, preset: [ImageOutcome?], work: @escaping @Sendable (Int) -> ImageOutcome) -> [ImageOutcome] {
        let state = Locked(preset.map { outcome -> State in outcome.map(State.done) ?? .pending })
        let parents = parents
        let names = names
        let generations = Self.generationsBelow(parents: parents)
        Concurrent.forEach(max(1, width), width: max(1, width)) { _ in
            while true {
                let step: Step = state.withLock { nodes in
                    Self.next(&nodes, parents: parents, names: names, generations: generations)
                }
                switch step {
                case .stop: return
                case .wait: Sleep.milliseconds(5)
                case .work(let index):
                    let outcome = work(index)
                    state.withLock { nodes in nodes[index] = .done(outcome) }
                }
            }
        }
        return state.withLock { nodes in
            nodes.map { node in
                if case .done(let outcome) = node { return outcome }
                return ImageOutcome(status: .failed, reason: "never scheduled")
            }
        }
    }

    /// Per node: the length of the longest chain of descendants below it (0 for a leaf). A parent
    /// cycle is walked at most `parents.count` steps, so it cannot loop; `next` fails its members.
    static func generationsBelow(parents: [Int?]) -> [Int] {
        var generations = Array(repeating: 0, count: parents.count)
        for node in parents.indices {
            var ancestor = parents[node]
            var distance = 1
            while let current = ancestor, distance <= parents.count {
                generations[current] = max(generations[current], distance)
                ancestor = parents[current]
                distance += 1
            }
        }
        return generations
    }

    /// Marks the skips, then picks the ready node with the most generations below it (the first in
    /// index order among equals), or says wait/stop.
    private static func next(_ nodes: inout [State], parents: [Int?], names: [String], generations: [Int]) -> Step {
        // A pending node whose parent ended unusable is skipped; repeated so a skip reaches grandchildren.
        var progressed = true
        while progressed {
            progressed = false
            for index in nodes.indices {
                guard case .pending = nodes[index], let parent = parents[index],
                    case .done(let outcome) = nodes[parent], !outcome.status.isUsable
                else { continue }
                nodes[index] = .done(ImageOutcome(status: .skipped, reason: skipReason(parent: names[parent], outcome)))
                progressed = true
            }
        }
        var busy = false
        var chosen: Int?
        for index in nodes.indices {
            switch nodes[index] {
            case .running:
                busy = true
            case .done:
                continue
            case .pending:
                // After the skips, a parent that is done is usable; one pending or running is waited for.
                if let parent = parents[index], !nodes[parent].isDone { continue }
                if chosen.map({ generations[index] > generations[$0] }) ?? true { chosen = index }
            }
        }
        if let chosen {
            nodes[chosen] = .running
            return .work(chosen)
        }
        if busy { return .wait }
        // Nothing runs and nothing is ready: what is still pending waits on itself (a parent cycle).
        for index in nodes.indices {
            if case .pending = nodes[index] {
                nodes[index] = .done(ImageOutcome(status: .failed, reason: "parent cycle: \(names[index]) is its own ancestor"))
            }
        }
        return .stop
    }

    private static func skipReason(parent: String, _ outcome: ImageOutcome) -> String {
        if outcome.status == .skipped, let reason = outcome.reason {
            return "parent \(parent) was skipped (\(reason))"
        }
        return "parent \(parent) failed"
    }
}
