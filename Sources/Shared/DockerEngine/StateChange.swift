/// Whether a start or stop call changed anything (the daemon answers 304 when it did not).
public enum StateChange: Sendable, Equatable {
    /// The container was started or stopped by this call.
    case changed
    /// It already was in that state (HTTP 304).
    case alreadyInState
}
