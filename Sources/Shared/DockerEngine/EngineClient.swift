public import HTTP

/// A client for the Docker Engine API (and Podman's Docker-compatible API) over any `HTTPTransport`.
///
/// Create it with `connect(…)`, which settles the API version the way the Docker SDK does
/// (`GET /version`, then the older of the daemon's and ours), or with `init` for a known version.
/// Lookups return `nil` for absent objects; everything else throws `EngineError`.
public struct EngineClient: Sendable {
    /// Where requests go.
    public let transport: any HTTPTransport
    /// The version in every request path (`/v1.41/…`).
    public let apiVersion: APIVersion
    /// Longest wait for any single step of a call (connect, send, each read); calls that can take
    /// longer by design (`stop`, `restart`, `wait`) extend it.
    public let timeout: Duration
    /// The daemon's `GET /version` reply when `connect` asked for it (`apiVersion: "auto"`), so
    /// callers need not ask again (Podman answers it slowly, ~0.3 s); `nil` otherwise.
    public private(set) var server: EngineVersion?
    /// Registry logins used for a pull or push without explicit credentials (`connect(host:…)` loads
    /// the node's, as the Docker CLI does); none by default.
    public var storedLogins = StoredLogins()

    /// A client for a known API version; sends nothing.
    /// - Parameters:
    ///   - transport: the connection to the daemon.
    ///   - apiVersion: the version to speak (default: the newest supported, 1.41).
    ///   - timeout: per-step wait limit (default 120 seconds, docker-py's default).
    public init(
        transport: any HTTPTransport, apiVersion: APIVersion = .newestSupported,
        timeout: Duration = .seconds(EngineEndpoint.defaultTimeoutSeconds)
    ) {
        self.transport = transport
        self.apiVersion = apiVersion
        self.timeout = timeout
    }

    /// A client whose API version is `apiVersion`, or negotiated with the daemon when it is `"auto"`.
    /// - Parameters:
    ///   - transport: the connection to the daemon.
    ///   - apiVersion: `"auto"` (ask `GET /version`, use the older of the daemon's `ApiVersion` and
    ///     1.41) or a version such as `"1.41"` (sent as given, without asking).
    ///   - timeout: per-step wait limit (default 120 seconds).
    /// - Throws: `EngineError.unsupportedVersion` for an unreadable version or a daemon older than
    ///   1.24; `.transport` when the daemon cannot be reached.
    public static func connect(
        transport: any HTTPTransport, apiVersion: String = "auto", timeout: Duration = .seconds(EngineEndpoint.defaultTimeoutSeconds)
    ) throws(EngineError) -> EngineClient {
        guard apiVersion == "auto" else {
            guard let fixed = APIVersion(apiVersion) else {
                throw .unsupportedVersion("api_version: \(apiVersion.debugDescription) is neither \"auto\" nor a version such as \"1.41\"")
            }
            return EngineClient(transport: transport, apiVersion: fixed, timeout: timeout)
        }
        let probe = EngineClient(transport: transport, apiVersion: .newestSupported, timeout: timeout)
        let server = try probe.version()
        guard let offered = server.apiVersion else {
            throw .malformedReply("GET /version has no readable ApiVersion")
        }
        guard offered >= .oldestSupported else {
            throw .unsupportedVersion(
                "the daemon at \(transport.endpoint) speaks API \(offered); this client needs \(APIVersion.oldestSupported) or newer")
        }
        var client = EngineClient(transport: transport, apiVersion: min(offered, .newestSupported), timeout: timeout)
        client.server = server
        return client
    }

    /// `connect(transport:apiVersion:timeout:)` over the unix socket at `socket`.
    /// - Parameters:
    ///   - socket: the API socket (default ``EngineEndpoint/dockerSocket``; Podman: ``EngineEndpoint/podmanSocket``).
    ///   - apiVersion: `"auto"` or a version such as `"1.41"`.
    ///   - timeout: per-step wait limit (default 120 seconds).
    /// - Throws: as `connect(transport:apiVersion:timeout:)`.
    public static func connect(
        socket: String = EngineEndpoint.dockerSocket, apiVersion: String = "auto",
        timeout: Duration = .seconds(EngineEndpoint.defaultTimeoutSeconds)
    ) throws(EngineError) -> EngineClient {
        try connect(transport: UnixSocketTransport(path: socket, timeout: timeout), apiVersion: apiVersion, timeout: timeout)
    }
}
