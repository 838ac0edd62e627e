public import JSON

/// What `GET /version` reports about the daemon.
public struct EngineVersion: Sendable, Equatable {
    /// The whole reply.
    public let raw: JSONValue

    /// Wraps a `GET /version` reply.
    public init(raw: JSONValue) {
        self.raw = raw
    }

    /// `ApiVersion`: the newest API version the daemon speaks.
    public var apiVersion: APIVersion? { raw.at("ApiVersion")?.stringValue.flatMap(APIVersion.init) }
    /// `MinAPIVersion`: the oldest API version the daemon accepts.
    public var minimumAPIVersion: APIVersion? { raw.at("MinAPIVersion")?.stringValue.flatMap(APIVersion.init) }
    /// `Version`: the daemon's release (`20.10.24+dfsg1`, or Podman's `4.3.1`).
    public var version: String? { raw.at("Version")?.stringValue }
    /// `Os`/`Arch` (`linux`, `amd64`).
    public var platform: (os: String?, arch: String?) { (raw.at("Os")?.stringValue, raw.at("Arch")?.stringValue) }
    /// Names of the reported `Components` (`Engine`, `containerd`, `Podman Engine`, …).
    public var componentNames: [String] { raw.at("Components")?.arrayValue?.compactMap { $0.at("Name")?.stringValue } ?? [] }
    /// `true` when the daemon is Podman's Docker-compatible service.
    public var isPodman: Bool { componentNames.contains("Podman Engine") }
}
