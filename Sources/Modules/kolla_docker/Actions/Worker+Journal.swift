import DockerEngine
import JSON
import ModuleKit

extension Worker {
    /// Runs a step unless in check mode, then records it (a step that failed changed nothing).
    func step(_ description: String, _ body: () throws -> Void) throws {
        if !checkMode { try body() }
        record(description)
    }

    /// Records a step that was done (or, in check mode, would be).
    func record(_ description: String) {
        journal.changed = true
        journal.actions.append(description)
    }

    /// Records the comparison's outcome for `diff` (and `comparison_failures` where the action reports them).
    func noteDifferences(_ failures: [ComparisonFailure]) {
        journal.differences = failures
    }

    /// In diff mode, community.docker's `diff` of the compared container (a bulk run: one per
    /// service that differs); empty when nothing was compared.
    var diff: [Diff] {
        guard diffMode else { return [] }
        if let differences = journal.differences { return [ComparisonFailure.diff(differences)] }
        return journal.serviceDiffs
    }

    /// `error` as the task's failure, carrying what was done before it: `changed`, `actions`, the
    /// result keys recorded so far and, in diff mode, `diff`.
    func failure(_ error: any Error) -> ModuleFailure {
        let cause = error as? ModuleFailure ?? ModuleFailure(Self.describe(error))
        var extra = cause.extra
        for (k, v) in journal.extra where extra[k] == nil { extra[k] = v }
        if !journal.actions.isEmpty { extra["actions"] = journal.actionsJSON }
        var rendered = ModuleResult()  // the runner's rendering of `diff`: one object, or a list
        rendered.diff = diff
        if let json = rendered.json["diff"] { extra["diff"] = json }
        return ModuleFailure(cause.msg, changed: journal.changed || cause.changed, extra: extra)
    }

    /// An error's sentence: the engine's (and other libraries') own, else marked internal.
    static func describe(_ error: any Error) -> String {
        if let described = error as? any CustomStringConvertible { return described.description }
        return "internal error (\(type(of: error))): \(error)"
    }
}
