public import JSON

/// The one error a module throws to fail its task with a message the user reads as-is.
/// `msg` names the parameter and the problem: `"dest: parent directory /x does not exist"`.
public struct ModuleFailure: Error, CustomStringConvertible {
    public var msg: String
    /// Extra result keys (`rc`, `stderr`, …).
    public var extra: JSONObject
    /// Whether something had already changed before the failure.
    public var changed: Bool

    public init(_ msg: String, changed: Bool = false, extra: JSONObject = JSONObject()) {
        self.msg = msg
        self.changed = changed
        self.extra = extra
    }

    public var description: String { msg }
}
