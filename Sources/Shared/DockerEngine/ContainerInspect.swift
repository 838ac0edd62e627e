public import JSON

/// `GET /containers/{name}/json`: the raw reply plus typed views of what comparisons need.
/// Fields that are `null` or absent read as empty (`[]`, `[:]`, `nil`), as Kolla treats them.
public struct ContainerInspect: Sendable, Equatable {
    /// The whole reply, for anything the typed views do not cover.
    public let raw: JSONValue

    /// Wraps an inspect reply.
    public init(raw: JSONValue) {
        self.raw = raw
    }

    /// `Id`: the full container id.
    public var id: String { raw.at("Id")?.stringValue ?? "" }
    /// `Name` without its leading `/`.
    public var name: String {
        let name = raw.at("Name")?.stringValue ?? ""
        return name.hasPrefix("/") ? String(name.dropFirst()) : name
    }
    /// `Image`: the id of the image the container was created from (`sha256:…`).
    public var imageID: String { raw.at("Image")?.stringValue ?? "" }
    /// `Path`: the program run.
    public var path: String? { raw.at("Path")?.stringValue }
    /// `Args`: its arguments.
    public var args: [String] { raw.at("Args")?.strings ?? [] }
    /// `State`.
    public var state: State { State(raw: raw.at("State") ?? .null) }
    /// `Config`.
    public var config: ContainerConfig { ContainerConfig(raw: raw.at("Config") ?? .null) }
    /// `HostConfig`.
    public var hostConfig: HostConfig { HostConfig(raw: raw.at("HostConfig") ?? .null) }
    /// `Mounts`: each as sent (`Type`, `Source`, `Destination`, `Mode`, `RW`, `Name`).
    public var mounts: [JSONValue] { raw.at("Mounts")?.arrayValue ?? [] }

    /// The value at a path of keys, e.g. `value(at: "HostConfig", "Ulimits")`.
    public func value(at path: String...) -> JSONValue? { raw.at(path: path) }

    /// `State`: what the container is doing.
    public struct State: Sendable, Equatable {
        /// The `State` object as sent.
        public let raw: JSONValue

        /// Wraps a `State` object.
        public init(raw: JSONValue) {
            self.raw = raw
        }

        /// `Status`: `created`, `running`, `paused`, `restarting`, `removing`, `exited` or `dead`.
        public var status: String? { raw.at("Status")?.stringValue }
        /// `Running`.
        public var isRunning: Bool { raw.at("Running")?.boolValue ?? false }
        /// `Restarting`.
        public var isRestarting: Bool { raw.at("Restarting")?.boolValue ?? false }
        /// `ExitCode`.
        public var exitCode: Int? { raw.at("ExitCode")?.intValue }
        /// `Pid` (0 when not running).
        public var pid: Int? { raw.at("Pid")?.intValue }
        /// `Health.Status` (`starting`, `healthy`, `unhealthy`) when the container has a healthcheck.
        public var health: String? { raw.at(path: ["Health", "Status"])?.stringValue }
        /// `Error`: the daemon's last error starting the container (empty when none).
        public var error: String? { raw.at("Error")?.stringValue }
    }
}
