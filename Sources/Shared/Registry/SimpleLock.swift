import Synchronization

/// A mutual-exclusion lock for small critical sections in non-async code.
final class SimpleLock: Sendable {
    private let mutex = Mutex<Void>(())

    /// Runs `body` holding the lock.
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        try mutex.withLock { _ in try body() }
    }
}
