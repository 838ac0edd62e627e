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
/// everything else goes on.
struct BuildGraph: Sendable {
    /// Per node: its parent's index (a parent inside the graph), or `nil` for a root.
    let parents: [Int?]
    /// Per node: its name, for skip reasons.
    let names: [String]

    private enum State: Sendable {
        case pending, running
        case done(ImageOutcome)
    }

    private enum Step { case work(Int), wait, stop }

    /// Runs `work` once per node whose `preset` is `nil`, in dependency order; preset outcomes
    /// (e.g. a failed rendering) count as done from the start.
    /// - Returns: every node's outcome, by index.
    func run(width: Int, preset: [ImageOutcome?], work: @escaping @Sendable (Int) -> ImageOutcome) -> [ImageOutcome] {
        let state = Locked(preset.map { outcome -> State in outcome.map(State.done) ?? .pending })
        let parents = parents
        let names = names
        Concurrent.forEach(max(1, width), width: max(1, width)) { _ in
            while true {
                let step: Step = state.withLock { nodes in Self.next(&nodes, parents: parents, names: names) }
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

    /// Picks the next ready node (marking skips on the way), or says wait/stop.
    private static func next(_ nodes: inout [State], parents: [Int?], names: [String]) -> Step {
        var busy = false
        var progressed = true
        while progressed {
            progressed = false
            busy = false
            for index in nodes.indices {
                switch nodes[index] {
                case .running:
                    busy = true
                case .done:
                    continue
                case .pending:
                    guard let parent = parents[index] else {
                        nodes[index] = .running
                        return .work(index)
                    }
                    switch nodes[parent] {
                    case .done(let outcome) where outcome.status.isUsable:
                        nodes[index] = .running
                        return .work(index)
                    case .done(let outcome):
                        nodes[index] = .done(ImageOutcome(status: .skipped, reason: skipReason(parent: names[parent], outcome)))
                        progressed = true
                    case .pending, .running:
                        continue
                    }
                }
            }
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
