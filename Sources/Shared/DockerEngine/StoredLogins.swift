import ContainerNotation
import Digest
import JSON
import Platform

/// The registry logins of the node's Docker client configuration (what `docker login` writes, and
/// what TripleO's login step leaves on every node): `auths` of `$DOCKER_CONFIG/config.json`, else
/// `~/.docker/config.json`. A pull or push without explicit credentials uses the login of the image's
/// registry, as the Docker CLI and docker-py (Kolla's `kolla_docker`) do; the daemon itself keeps
/// none. (Podman's API service reads its own auth file, so it needs nothing from here.)
public struct StoredLogins: Sendable, Equatable {
    /// Credentials by registry host (`quay.io`, `127.0.0.1:5000`, `docker.io`).
    public var logins: [String: RegistryAuth]

    /// - Parameter logins: credentials by registry host.
    public init(logins: [String: RegistryAuth] = [:]) { self.logins = logins }

    /// The logins of a config file's text. Entries carry `auth` (base64 of `user:password`) or
    /// `username` and `password`, and may carry `identitytoken`; keys may be URLs
    /// (`https://index.docker.io/v1/`), reduced to the host as docker-py's `convert_to_hostname`.
    /// Unreadable text or entries give no logins (the CLI then pulls anonymously as well).
    public init(configText bytes: [UInt8]) {
        var found: [String: RegistryAuth] = [:]
        let auths = (try? JSONParser().parse(bytes))?.objectValue?["auths"]?.objectValue ?? JSONObject()
        for (key, entry) in auths {
            guard let entry = entry.objectValue else { continue }
            var username = entry["username"]?.stringValue
            var password = entry["password"]?.stringValue
            if let encoded = entry["auth"]?.stringValue, !encoded.isEmpty, let decoded = Base64.decode(encoded) {
                let text = String(decoding: decoded, as: UTF8.self)
                guard let colon = text.firstIndex(of: ":") else { continue }
                username = String(text[..<colon])
                password = String(text[text.index(after: colon)...])
            }
            let token = entry["identitytoken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            guard let username, let password else { continue }
            let host = Self.registry(ofKey: key)
            found[host] = RegistryAuth(username: username, password: password, serverAddress: host, identityToken: token)
        }
        logins = found
    }

    /// The node's logins: `$DOCKER_CONFIG/config.json`, else `$HOME/.docker/config.json`; none when
    /// neither is readable.
    public static func load() -> StoredLogins {
        let directory =
            Environment.get("DOCKER_CONFIG").flatMap { $0.isEmpty ? nil : $0 }
            ?? Environment.homeDirectory().map { $0 + "/.docker" }
        guard let directory, let bytes = try? Files.readIfPresent(directory + "/config.json", limit: 1 << 20) else { return StoredLogins() }
        return StoredLogins(configText: bytes)
    }

    /// The login for the registry `reference` is pulled from (`ImageName.dockerRegistry(of:)`).
    public func auth(forImage reference: String) -> RegistryAuth? {
        logins[Self.normalized(ImageName.dockerRegistry(of: reference))]
    }

    /// A config key as a registry host: scheme and path dropped, Docker Hub's names as `docker.io`.
    static func registry(ofKey key: String) -> String {
        var host = Substring(key)
        for scheme in ["http://", "https://"] where host.hasPrefix(scheme) { host = host.dropFirst(scheme.count) }
        if let slash = host.firstIndex(of: "/") { host = host[..<slash] }
        return normalized(String(host))
    }

    private static func normalized(_ host: String) -> String {
        ["index.docker.io", "registry-1.docker.io"].contains(host) ? "docker.io" : host
    }
}
