public import JSON

/// `GET /volumes/{name}` (and each entry of `GET /volumes`).
public struct VolumeInspect: Sendable, Equatable {
    /// The reply as sent.
    public let raw: JSONValue

    /// Wraps a volume object.
    public init(raw: JSONValue) {
        self.raw = raw
    }

    /// `Name`.
    public var name: String { raw.field("Name")?.stringValue ?? "" }
    /// `Driver` (`local`).
    public var driver: String? { raw.field("Driver")?.stringValue }
    /// `Mountpoint` on the host.
    public var mountpoint: String? { raw.field("Mountpoint")?.stringValue }
    /// `Labels` (Kolla sets `kolla_managed: "true"`).
    public var labels: [String: String] { raw.field("Labels")?.stringMap ?? [:] }
    /// `Options`: the driver options.
    public var options: [String: String] { raw.field("Options")?.stringMap ?? [:] }
    /// `Scope` (`local`).
    public var scope: String? { raw.field("Scope")?.stringValue }
}
