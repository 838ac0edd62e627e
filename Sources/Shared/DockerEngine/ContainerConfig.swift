public import JSON

/// A container's `Config`: what it runs and with which environment and labels.
public struct ContainerConfig: Sendable, Equatable {
    /// The `Config` object as sent.
    public let raw: JSONValue

    /// Wraps a `Config` object.
    public init(raw: JSONValue) {
        self.raw = raw
    }

    /// `Image`: the image as the creator named it (`quay.io/x/nova-api:2023.1`).
    public var image: String? { raw.at("Image")?.stringValue }
    /// `Env`: `KEY=value` entries in order (the image's and the creator's).
    public var env: [String] { raw.at("Env")?.strings ?? [] }
    /// `Env` as a map; a later entry of the same key wins, an entry without `=` maps to "".
    public var environment: [String: String] {
        var map: [String: String] = [:]
        for entry in env {
            if let equals = entry.firstIndex(of: "=") {
                map[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
            } else {
                map[entry] = ""
            }
        }
        return map
    }
    /// `Labels` (string values only).
    public var labels: [String: String] { raw.at("Labels")?.stringMap ?? [:] }
    /// `Labels`, every one: a value that is not a string (`null`) reads as "" (as Kolla's comparison reads it).
    public var allLabels: [String: String] { raw.at("Labels")?.stringMap(othersAs: "") ?? [:] }
    /// `Cmd`, or `nil` when unset.
    public var cmd: [String]? { raw.at("Cmd")?.arrayValue.map { $0.compactMap(\.stringValue) } }
    /// `Entrypoint`, or `nil` when unset.
    public var entrypoint: [String]? { raw.at("Entrypoint")?.arrayValue.map { $0.compactMap(\.stringValue) } }
    /// `Volumes`: the anonymous volume paths (the object's keys).
    public var volumes: [String] { raw.at("Volumes")?.keys ?? [] }
    /// `Tty`.
    public var tty: Bool { raw.at("Tty")?.boolValue ?? false }
    /// `User` (empty for the image's).
    public var user: String? { raw.at("User")?.stringValue }
    /// `Healthcheck`, or `nil` when the container has none of its own.
    public var healthcheck: Healthcheck? {
        guard let object = raw.at("Healthcheck"), object.objectValue != nil else { return nil }
        return Healthcheck(raw: object)
    }

    /// A healthcheck as the Engine stores it: durations in nanoseconds.
    public struct Healthcheck: Sendable, Equatable {
        /// The `Healthcheck` object as sent.
        public let raw: JSONValue

        /// Wraps a `Healthcheck` object.
        public init(raw: JSONValue) {
            self.raw = raw
        }

        /// `Test`: `["CMD-SHELL", "…"]`, `["CMD", …]` or `["NONE"]`.
        public var test: [String] { raw.at("Test")?.strings ?? [] }
        /// `Interval` in nanoseconds (0 = default).
        public var interval: Int { raw.at("Interval")?.intValue ?? 0 }
        /// `Timeout` in nanoseconds.
        public var timeout: Int { raw.at("Timeout")?.intValue ?? 0 }
        /// `StartPeriod` in nanoseconds.
        public var startPeriod: Int { raw.at("StartPeriod")?.intValue ?? 0 }
        /// `Retries`.
        public var retries: Int { raw.at("Retries")?.intValue ?? 0 }
    }
}
