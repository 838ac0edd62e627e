/// Token scopes (`repository:<name>:<actions>`).
enum Scope {
    /// Read `repository`.
    static func pull(_ repository: String) -> String { "repository:\(repository):pull" }
    /// Read and write `repository`.
    static func push(_ repository: String) -> String { "repository:\(repository):pull,push" }
}
