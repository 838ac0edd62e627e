import Dispatch

/// Runs async code from synchronous code (the module entry point, the evaluator's label source),
/// waiting for it. The caller must not be a thread of the concurrency pool (the work needs the pool:
/// the modules run on the main thread; tests call through `offPool`).
public enum Blocking {
    /// Runs `body` and waits for its result.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                box.set(.success(try await body()))
            } catch {
                box.set(.failure(error))
            }
            done.signal()
        }
        done.wait()
        guard let result = box.get() else { throw RegistryError.unsupported("the operation ended without a result") }
        return try result.get()
    }
}

/// One result handed from the task to the waiting thread.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private var result: Result<T, any Error>?
    private let lock = SimpleLock()

    func set(_ value: Result<T, any Error>) { lock.withLock { result = value } }
    func get() -> Result<T, any Error>? { lock.withLock { result } }
}
