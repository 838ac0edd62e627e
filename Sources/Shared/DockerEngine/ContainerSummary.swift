public import JSON

/// One entry of `GET /containers/json`.
public struct ContainerSummary: Sendable, Equatable {
    /// The entry as sent.
    public let raw: JSONValue

    /// Wraps a list entry.
    public init(raw: JSONValue) {
        self.raw = raw
    }

    /// `Id`.
    public var id: String { raw.at("Id")?.stringValue ?? "" }
    /// `Names`, each with its leading `/` (`/nova_api`).
    public var names: [String] { raw.at("Names")?.strings ?? [] }
    /// `Image` as named at creation.
    public var image: String? { raw.at("Image")?.stringValue }
    /// `ImageID`.
    public var imageID: String? { raw.at("ImageID")?.stringValue }
    /// `State`: `running`, `exited`, …
    public var state: String? { raw.at("State")?.stringValue }
    /// `Status`: the human text (`Up 2 minutes`, `Exited (0) 3 seconds ago`) Kolla tests with `startswith("Up ")`.
    public var status: String? { raw.at("Status")?.stringValue }
    /// `Labels`.
    public var labels: [String: String] { raw.at("Labels")?.stringMap ?? [:] }

    /// Whether one of `names` is `/` + `name` (Kolla's `check_container` match).
    public func isNamed(_ name: String) -> Bool { names.contains("/" + name) }
}
