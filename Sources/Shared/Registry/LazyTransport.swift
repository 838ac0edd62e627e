import Synchronization

/// Creates an ``HTTPClientTransport`` on the first request: a run that never talks to a registry
/// (a dry run without tag discovery) starts no HTTP client at all.
public final class LazyTransport: RegistryTransport {
    private let make: @Sendable () throws -> HTTPClientTransport
    private let made = Mutex<Result<HTTPClientTransport, TransportError>?>(nil)

    /// A transport made by `make` when first used.
    public init(_ make: @escaping @Sendable () throws -> HTTPClientTransport) { self.make = make }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let transport = try made.withLock { slot in
            if slot == nil {
                do {
                    slot = .success(try make())
                } catch {
                    slot = .failure(error as? TransportError ?? .other("\(error)"))
                }
            }
            return slot
        }?.get()
        guard let transport else { throw TransportError.other("no HTTP client") }
        return try await transport.send(request)
    }

    /// Whether a client was made (and so needs ``shutdown()``).
    public var isStarted: Bool { made.withLock { if case .success = $0 { true } else { false } } }

    /// Shuts the client down if one was made.
    public func shutdown() async {
        let transport = made.withLock { slot -> HTTPClientTransport? in
            if case .success(let t)? = slot { return t }
            return nil
        }
        await transport?.shutdown()
    }
}
