public import ImageCopy
public import Registry

/// How a run reaches registries: the transport (async-http-client in production, an in-memory
/// registry in tests), the `modify_role` implementation, retry timing and a progress sink.
public struct RegistryAccess: Sendable {
    /// The HTTP seam.
    public var transport: any RegistryTransport
    /// Runs `modify_role` (`nil`: images that need it fail, saying so).
    public var modifier: (any ImageModifier)?
    /// Retries and backoff.
    public var retry: RetryPolicy
    /// Probe registries named in neither `insecure_registries` nor `no_verify_registries`.
    public var probeUnknown: Bool
    /// Called with each progress line (the command line prints them on stderr).
    public var progress: (@Sendable (String) -> Void)?

    /// Access through `transport`.
    public init(
        transport: any RegistryTransport, modifier: (any ImageModifier)? = nil, retry: RetryPolicy = RetryPolicy(), probeUnknown: Bool = true,
        progress: (@Sendable (String) -> Void)? = nil
    ) {
        self.transport = transport
        self.modifier = modifier
        self.retry = retry
        self.probeUnknown = probeUnknown
        self.progress = progress
    }
}
