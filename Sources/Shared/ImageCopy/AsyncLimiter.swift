/// A counting semaphore for async code: at most `limit` holders at once, FIFO.
actor AsyncLimiter {
    private let limit: Int
    private var holders = 0
    private var queue: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = max(1, limit) }

    /// Waits for a free slot.
    func acquire() async {
        if holders < limit {
            holders += 1
            return
        }
        await withCheckedContinuation { queue.append($0) }
    }

    /// Frees a slot (hands it to the next waiter).
    func release() {
        if queue.isEmpty {
            holders -= 1
        } else {
            queue.removeFirst().resume()
        }
    }

    /// Runs `body` holding a slot.
    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        await acquire()
        do {
            let value = try await body()
            release()
            return value
        } catch {
            release()
            throw error
        }
    }
}
