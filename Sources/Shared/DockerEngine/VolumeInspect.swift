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
    public var name: String { raw.at("Name")?.stringValue ?? "" }
    /// `Driver` (`local`).
    public var driver: String? { raw.at("Driver")?.stringValue }
    /// `Mountpoint` on the host.
    public var mountpoint: String? { raw.at("Mountpoint")?.stringValue }
    /// `Labels` (Kolla sets `kolla_managed: "true"`).
    public var labels: [String: String] { raw.at("Labels")?.stringMap ?? [:] }
    /// `Options`: the driver options.
    public var options: [String: String] { raw.at("Options")?.stringMap ?? [:] }
    /// `Scope` (`local`).
    public var scope: String? { raw.at("Scope")?.stringValue }
}
