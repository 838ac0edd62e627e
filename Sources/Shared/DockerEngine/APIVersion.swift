/// An Engine API version such as `1.41` (the `/v1.41/` path prefix).
public struct APIVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The major number (1).
    public var major: Int
    /// The minor number (41).
    public var minor: Int

    /// - Parameters:
    ///   - major: the major number.
    ///   - minor: the minor number.
    public init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Reads `"1.41"`; `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
            let major = Int(parts[0]), let minor = Int(parts[1])
        else { return nil }
        self.init(major, minor)
    }

    /// The newest version this client speaks (Docker 20.10; Podman 4's compat API).
    public static let newestSupported = APIVersion(1, 41)
    /// The oldest version this client speaks (Docker 1.12; the calls used here exist since).
    public static let oldestSupported = APIVersion(1, 24)

    public var description: String { "\(major).\(minor)" }

    public static func < (lhs: APIVersion, rhs: APIVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}
