import Digest

/// A registry username and password. Never printed: ``description`` hides both.
public struct Credentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The username.
    public var username: String
    /// The password.
    public var password: String

    /// Credentials.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// `Basic base64(username:password)`.
    var basicAuthorization: String { "Basic " + Base64.standardEncoded(Array((username + ":" + password).utf8)) }

    public var description: String { "Credentials(<hidden>)" }
    public var debugDescription: String { description }
}
