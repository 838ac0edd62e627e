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
    public var id: String { raw.field("Id")?.stringValue ?? "" }
    /// `Names`, each with its leading `/` (`/nova_api`).
    public var names: [String] { raw.field("Names")?.strings ?? [] }
    /// `Image` as named at creation.
    public var image: String? { raw.field("Image")?.stringValue }
    /// `ImageID`.
    public var imageID: String? { raw.field("ImageID")?.stringValue }
    /// `State`: `running`, `exited`, …
    public var state: String? { raw.field("State")?.stringValue }
    /// `Status`: the human text (`Up 2 minutes`, `Exited (0) 3 seconds ago`) Kolla tests with `startswith("Up ")`.
    public var status: String? { raw.field("Status")?.stringValue }
    /// `Labels`.
    public var labels: [String: String] { raw.field("Labels")?.stringMap ?? [:] }

    /// Whether one of `names` is `/` + `name` (Kolla's `check_container` match).
    public func isNamed(_ name: String) -> Bool { names.contains("/" + name) }
}
