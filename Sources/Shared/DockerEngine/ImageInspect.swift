public import JSON

/// `GET /images/{name}/json`: the raw reply plus what comparisons need.
public struct ImageInspect: Sendable, Equatable {
    /// The whole reply.
    public let raw: JSONValue

    /// Wraps an image inspect reply.
    public init(raw: JSONValue) {
        self.raw = raw
    }

    /// `Id` (`sha256:…`), what a container's `Image` field holds.
    public var id: String { raw.at("Id")?.stringValue ?? "" }
    /// `RepoTags` (`quay.io/x/nova-api:2023.1`).
    public var repoTags: [String] { raw.at("RepoTags")?.strings ?? [] }
    /// `RepoDigests` (`quay.io/x/nova-api@sha256:…`).
    public var repoDigests: [String] { raw.at("RepoDigests")?.strings ?? [] }
    /// `Config`: the image's defaults (`Env`, `Labels`, `Cmd`, `Healthcheck`, …).
    public var config: ContainerConfig { ContainerConfig(raw: raw.at("Config") ?? .null) }
    /// `Size` in bytes.
    public var size: Int? { raw.at("Size")?.intValue }
}

/// One entry of `GET /images/json`.
public struct ImageSummary: Sendable, Equatable {
    /// The entry as sent.
    public let raw: JSONValue

    /// Wraps a list entry.
    public init(raw: JSONValue) {
        self.raw = raw
    }

    /// `Id` (`sha256:…`).
    public var id: String { raw.at("Id")?.stringValue ?? "" }
    /// `RepoTags`; Kolla's `check_image` matches `repo:tag` here exactly.
    public var repoTags: [String] { raw.at("RepoTags")?.strings ?? [] }
    /// `RepoDigests`.
    public var repoDigests: [String] { raw.at("RepoDigests")?.strings ?? [] }
    /// `Labels`.
    public var labels: [String: String] { raw.at("Labels")?.stringMap ?? [:] }
}
