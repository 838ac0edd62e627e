import JSON
import ModuleKit

extension BuildRun {
    /// The module result: every image with its status, id, time and reason; `failed` when any failed.
    func report(_ images: [BuildPlan.Image], outcomes: [ImageOutcome], prepared: [Prepared?], diffMode: Bool) -> ModuleResult {
        var result = ModuleResult()
        var entries: [JSONValue] = []
        var actions: [String] = []
        var byStatus: [ImageStatus: [String]] = [:]
        for (position, image) in images.enumerated() {
            let outcome = outcomes[position]
            byStatus[outcome.status, default: []].append(image.name)
            var entry: JSONObject = [
                "name": .string(image.name), "image": .string(image.canonical), "status": .string(outcome.status.rawValue),
                "id": outcome.id.map(JSONValue.string) ?? .null, "seconds": .double(outcome.seconds),
                "parent": image.parent.map(JSONValue.string) ?? .null,
                "hash": prepared[position].map { .string($0.hash) } ?? .null, "pushed": .bool(outcome.pushed),
            ]
            if let reason = outcome.reason { entry["reason"] = .string(reason) }
            if !outcome.outputTail.isEmpty { entry["output_tail"] = .array(outcome.outputTail.map(JSONValue.string)) }
            if outcome.attempts > 1 { entry["attempts"] = .int(outcome.attempts) }
            entries.append(.object(entry))
            switch outcome.status {
            case .built: actions.append("Built \(image.canonical)")
            case .wouldBuild: actions.append("Would build \(image.canonical)")
            case .tagged: actions.append("Tagged \(image.canonical) (\(outcome.reason ?? "same content"))")
            case .wouldTag: actions.append("Would tag \(image.canonical) from \(outcome.id ?? "an identical image")")
            default: break
            }
            if outcome.pushed { actions.append("Pushed \(image.canonical)") }
            if diffMode, outcome.status == .built || outcome.status == .wouldBuild, let ready = prepared[position] {
                result.diff.append(
                    Diff(
                        before: .string(""), after: .string(ready.dockerfile), beforeHeader: "\(image.canonical) (other content)",
                        afterHeader: "Dockerfile for \(image.canonical) (\(ready.hash))"))
            }
        }
        result.changed = !actions.isEmpty
        result.set("images", .array(entries))
        // `failed` and `skipped` are Ansible's own result keys: those lists get a suffix.
        for (status, key) in [
            (ImageStatus.built, "built"), (.unchanged, "unchanged"), (.skipped, "skipped_images"), (.failed, "failed_images"), (.tagged, "tagged"),
            (.wouldBuild, "would_build"), (.wouldTag, "would_tag"),
        ] {
            result.set(key, .array((byStatus[status] ?? []).map(JSONValue.string)))
        }
        result.set("not_matched", .array(plan.images.filter { $0.status == "unmatched" }.map { .string($0.name) }))
        result.set("actions", .array(actions.map(JSONValue.string)))
        let counts = [ImageStatus.built, .tagged, .wouldBuild, .wouldTag, .unchanged, .skipped, .failed].compactMap { status -> String? in
            let count = byStatus[status]?.count ?? 0
            return count == 0 ? nil : "\(count) \(status.rawValue.split(separator: "_").joined(separator: " "))"
        }
        let failed = images.enumerated().filter { outcomes[$0.offset].status == .failed }
        if !failed.isEmpty {
            result.failed = true
            let causes = failed.map { "\($0.element.name): \(outcomes[$0.offset].reason ?? "failed")" }
            result.msg =
                "image_build: \(failed.count) image(s) failed: " + causes.joined(separator: "; ") + " (" + counts.joined(separator: ", ") + ")"
        } else {
            result.msg = counts.isEmpty ? "no image matched" : counts.joined(separator: ", ")
        }
        return result
    }
}
