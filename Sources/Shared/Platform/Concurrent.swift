#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Bounded parallel work on plain POSIX threads (no Dispatch, no Foundation: the node binary
/// stays small and on glibc 2.34).
public enum Concurrent {
    /// Calls `body(i)` for every `i` in `0..<count` on at most `width` threads and returns when
    /// all calls have returned. Order of calls is not defined.
    public static func forEach(_ count: Int, width: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let threads = max(1, min(width, count))
        guard threads > 1 else {
            for i in 0..<count { body(i) }
            return
        }
        let queue = WorkQueue(count: count, body: body)
        var ids: [pthread_t] = []
        for _ in 1..<threads {
            var id = pthread_t()
            let context = Unmanaged.passRetained(queue).toOpaque()
            let rc = pthread_create(
                &id, nil,
                { raw in
                    guard let raw else { return nil }
                    let queue = Unmanaged<WorkQueue>.fromOpaque(raw).takeRetainedValue()
                    queue.drain()
                    return nil
                }, context)
            if rc == 0 {
                ids.append(id)
            } else {
                Unmanaged<WorkQueue>.fromOpaque(context).release()  // thread not started: this thread does the work
            }
        }
        queue.drain()
        for id in ids { pthread_join(id, nil) }
    }
}

/// Hands out indexes under a mutex until none are left.
private final class WorkQueue: @unchecked Sendable {
    private var next = 0
    private let count: Int
    private let body: @Sendable (Int) -> Void
    private var mutex = pthread_mutex_t()

    init(count: Int, body: @escaping @Sendable (Int) -> Void) {
        self.count = count
        self.body = body
        pthread_mutex_init(&mutex, nil)
    }

    deinit { pthread_mutex_destroy(&mutex) }

    func drain() {
        while let i = take() { body(i) }
    }

    private func take() -> Int? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        guard next < count else { return nil }
        defer { next += 1 }
        return next
    }
}

/// A fixed number of slots that threads fill independently (each index written by one thread).
public final class ResultSlots<Value>: @unchecked Sendable {
    private var values: [Value?]
    private var mutex = pthread_mutex_t()

    public init(count: Int) {
        values = Array(repeating: nil, count: count)
        pthread_mutex_init(&mutex, nil)
    }

    deinit { pthread_mutex_destroy(&mutex) }

    public subscript(index: Int) -> Value? {
        get {
            pthread_mutex_lock(&mutex)
            defer { pthread_mutex_unlock(&mutex) }
            return values[index]
        }
        set {
            pthread_mutex_lock(&mutex)
            defer { pthread_mutex_unlock(&mutex) }
            values[index] = newValue
        }
    }
}

/// A value guarded by a mutex, for state that several threads of one run share.
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private var mutex = pthread_mutex_t()

    public init(_ value: Value) {
        self.value = value
        pthread_mutex_init(&mutex, nil)
    }

    deinit { pthread_mutex_destroy(&mutex) }

    /// Runs `body` with exclusive access to the value.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body(&value)
    }
}
