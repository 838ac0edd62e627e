public import JSON

/// A container's `HostConfig`: how it sits on the host (binds, capabilities, namespaces, limits).
public struct HostConfig: Sendable, Equatable {
    /// The `HostConfig` object as sent.
    public let raw: JSONValue

    /// Wraps a `HostConfig` object.
    public init(raw: JSONValue) {
        self.raw = raw
    }

    /// The member `key` as sent (for options without a typed view: `Memory`, `CpusetCpus`, …).
    public subscript(key: String) -> JSONValue? { raw.at(key) }

    /// `Binds`: `source:destination[:mode]` entries.
    public var binds: [String] { raw.at("Binds")?.strings ?? [] }
    /// `CapAdd`.
    public var capAdd: [String] { raw.at("CapAdd")?.strings ?? [] }
    /// `CapDrop`.
    public var capDrop: [String] { raw.at("CapDrop")?.strings ?? [] }
    /// `GroupAdd`.
    public var groupAdd: [String] { raw.at("GroupAdd")?.strings ?? [] }
    /// `SecurityOpt`.
    public var securityOpt: [String] { raw.at("SecurityOpt")?.strings ?? [] }
    /// `VolumesFrom`.
    public var volumesFrom: [String] { raw.at("VolumesFrom")?.strings ?? [] }
    /// `Tmpfs`: mount path → options; options that are not a string (`null`) read as "" (no options).
    public var tmpfs: [String: String] { raw.at("Tmpfs")?.stringMap(othersAs: "") ?? [:] }
    /// `Privileged`.
    public var privileged: Bool { raw.at("Privileged")?.boolValue ?? false }
    /// `NetworkMode` (`host`, `bridge`, `default`, …).
    public var networkMode: String? { raw.at("NetworkMode")?.stringValue }
    /// `IpcMode` (`private`, `shareable`, `host`, …; empty when unset).
    public var ipcMode: String? { raw.at("IpcMode")?.stringValue }
    /// `PidMode` (empty for private, `host`).
    public var pidMode: String? { raw.at("PidMode")?.stringValue }
    /// `CgroupnsMode` (`private`, `host`), or `CgroupMode` as Podman names it; `nil` when neither is
    /// sent (before API 1.41), "" when it is not a string (`null`).
    public var cgroupnsMode: String? { (raw.at("CgroupnsMode") ?? raw.at("CgroupMode")).map { $0.stringValue ?? "" } }
    /// `Ulimits`.
    public var ulimits: [Ulimit] {
        (raw.at("Ulimits")?.arrayValue ?? []).compactMap { item in
            guard let name = item.at("Name")?.stringValue else { return nil }
            return Ulimit(name: name, soft: item.at("Soft")?.intValue ?? 0, hard: item.at("Hard")?.intValue ?? 0)
        }
    }
    /// `RestartPolicy.Name` (empty or `no` for none).
    public var restartPolicy: String? { raw.at(path: ["RestartPolicy", "Name"])?.stringValue }

    /// One resource limit.
    public struct Ulimit: Sendable, Equatable {
        /// `nofile`, `nproc`, …
        public var name: String
        /// The soft limit.
        public var soft: Int
        /// The hard limit.
        public var hard: Int

        /// - Parameters:
        ///   - name: the limit's name.
        ///   - soft: the soft limit.
        ///   - hard: the hard limit.
        public init(name: String, soft: Int, hard: Int) {
            self.name = name
            self.soft = soft
            self.hard = hard
        }
    }
}
