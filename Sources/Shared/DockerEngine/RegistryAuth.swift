import Digest
import JSON

/// Credentials for a pull, sent as `X-Registry-Auth` (base64url of the JSON auth config). The
/// description never shows the password or token.
public struct RegistryAuth: Sendable, Equatable, CustomStringConvertible {
    /// The user name.
    public var username: String
    /// The password (or a registry token used as one).
    public var password: String
    /// The registry (`quay.io`, `127.0.0.1:4000`); empty lets the daemon use the image's.
    public var serverAddress: String
    /// An identity token from an earlier login, instead of a password.
    public var identityToken: String?

    /// - Parameters:
    ///   - username: the user name.
    ///   - password: the password.
    ///   - serverAddress: the registry host.
    ///   - identityToken: an identity token, if one is used.
    public init(username: String, password: String, serverAddress: String = "", identityToken: String? = nil) {
        self.username = username
        self.password = password
        self.serverAddress = serverAddress
        self.identityToken = identityToken
    }

    /// The `X-Registry-Auth` value: `{"username","password","serveraddress"[,"identitytoken"]}` base64url-encoded.
    public var headerValue: String {
        var config: JSONObject = [
            "username": .string(username), "password": .string(password), "serveraddress": .string(serverAddress),
        ]
        if let identityToken { config["identitytoken"] = .string(identityToken) }
        return Base64.urlEncoded(Array(JSONWriter().write(.object(config)).utf8))
    }

    public var description: String {
        "RegistryAuth(username: \(username), serverAddress: \(serverAddress), password: ********)"
    }
}
