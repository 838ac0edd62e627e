import JSON
import ModuleKit

extension ComparisonFailure {
    /// The difference Kolla reports for a container that does not exist.
    static func containerMissing(_ name: String) -> ComparisonFailure {
        ComparisonFailure(name: "container_missing", current: .null, desired: .string(name))
    }

    /// community.docker's `diff` for a container: `before` holds the container's value and `after`
    /// the task's, for each difference (the data of `comparison_failures`); a missing container is
    /// `exists: false` before and `exists: true` after, as community.docker reports a new one.
    static func diff(_ failures: [ComparisonFailure], header: String? = nil) -> Diff {
        var before = JSONObject()
        var after = JSONObject()
        for failure in failures {
            if failure.name == "container_missing" {
                before["exists"] = false
                after["exists"] = true
            } else {
                before[failure.name] = failure.current
                after[failure.name] = failure.desired
            }
        }
        return Diff(before: .object(before), after: .object(after), beforeHeader: header, afterHeader: header)
    }
}
