/// A failed system call: which call, on what, and the `errno` text. Never carries file contents.
public struct SystemError: Error, Equatable, CustomStringConvertible {
    /// The C function that failed (`open`, `rename`, …).
    public var call: String
    /// The path or object the call was about.
    public var subject: String
    /// The `errno` value.
    public var code: Int32

    public init(call: String, subject: String, code: Int32) {
        self.call = call
        self.subject = subject
        self.code = code
    }

    /// `strerror(code)`, e.g. "No such file or directory".
    public var reason: String { Syscalls.errorText(code) }

    public var description: String { "\(call)(\(subject)): \(reason)" }

    /// `true` for ENOENT.
    public var isNotFound: Bool { code == Syscalls.enoent }
}
