public import YAML

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
    var basicAuthorization: String { "Basic " + Base64.encode(Array((username + ":" + password).utf8)) }

    public var description: String { "Credentials(<hidden>)" }
    public var debugDescription: String { description }

    /// `ContainerImageRegistryCredentials` (`{registry: {username: password}}`, already validated by
    /// the evaluation) as a map by registry name.
    public static func map(_ value: YAMLValue?) -> [String: Credentials] {
        var result: [String: Credentials] = [:]
        for registry in value?.mappingPairs ?? [] {
            guard let host = registry.key.stringValue, let pair = registry.value.mappingPairs?.first,
                let user = pair.key.stringValue, let password = pair.value.stringValue
            else { continue }
            result[host] = Credentials(username: user, password: password)
        }
        return result
    }
}

/// Standard base64 with padding.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            out.append(table[Int(b0 >> 2)])
            out.append(table[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(index + 1 < bytes.count ? table[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? table[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
