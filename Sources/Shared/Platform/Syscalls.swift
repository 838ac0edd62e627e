#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Every libc call of the project goes through here (or through a sibling file of this target).
enum Syscalls {
    static let enoent = ENOENT
    static let eexist = EEXIST

    /// `strerror`.
    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    static var errnoValue: Int32 { errno }

    /// Retries a call interrupted by a signal (EINTR).
    @discardableResult
    static func retrying<T: BinaryInteger>(_ body: () -> T) -> T {
        while true {
            let result = body()
            if result < 0 && errno == EINTR { continue }
            return result
        }
    }
}
