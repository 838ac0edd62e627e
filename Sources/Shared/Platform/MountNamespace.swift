#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Code of ours run in a forked child that joined another process's mount namespace: a container's file
/// system as the container sees it (absolute symlinks resolve inside it, unlike `/proc/<pid>/root/...`).
///
/// Only this process's own code runs there, never a program from the container's file system: the
/// child keeps this process's privileges and none of the container's confinement, so it must not
/// execute what the container could have written.
public enum MountNamespace {
    /// What the child did: its exit code (`nil` when a signal ended it) and what it wrote.
    public struct Outcome: Sendable, Equatable {
        public let exitCode: Int32?
        public let output: [UInt8]
    }

    /// The child's exit code when `setns` failed (no `CAP_SYS_ADMIN`, a namespace that went away).
    public static let joinFailed: Int32 = 126

    /// Forks a child that joins the mount namespace of `pid` (`setns(CLONE_NEWNS)`; its root and working
    /// directory become the namespace's root), runs `body` there with a writer to a socket, and exits
    /// with `body`'s result.
    /// - Returns: the child's outcome; `nil` when this process has more than one thread (a lock another
    ///   thread holds would stay held in the child, which runs Swift code), when the child could not
    ///   start (open, socketpair, fork, no `setns` in libc), or did not end within `timeoutSeconds` (it is
    ///   then killed).
    public static func run(pid: Int32, timeoutSeconds: Int, _ body: (_ write: @escaping (String) -> Void) -> Int32) -> Outcome? {
        guard let setns = setnsFunction, isSingleThreaded else { return nil }
        // fopen and socketpair, not open/fcntl/pipe: see OverlayFree.swift ("e" and SOCK_CLOEXEC: close on exec).
        guard let mountNS = fopen("/proc/\(pid)/ns/mnt", "re") else { return nil }
        defer { fclose(mountNS) }
        let nsFD = fileno(mountNS)
        var fds: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0 else { return nil }
        let (readFD, writeFD) = (fds[0], fds[1])
        defer { close(readFD) }
        let child = fork()
        if child == 0 {
            close(readFD)
            guard setns(nsFD, cloneNewNS) == 0 else { _exit(joinFailed) }
            _exit(body { text in StandardStreams.writeAll(writeFD, text) })
        }
        close(writeFD)
        guard child > 0 else { return nil }
        guard let output = readAll(readFD, until: Environment.monotonic() + Double(timeoutSeconds)) else {
            kill(child, SIGKILL)
            _ = Syscalls.retrying { waitpid(child, nil, 0) }
            return nil
        }
        var status: Int32 = 0
        guard Syscalls.retrying({ waitpid(child, &status, 0) }) == child else { return nil }
        let exited = status & 0x7f == 0
        return Outcome(exitCode: exited ? (status >> 8) & 0xff : nil, output: output)
    }

    /// Whether this process has one thread (`/proc/self/task`).
    static var isSingleThreaded: Bool { (try? Directories.entries(of: "/proc/self/task").count) == 1 }

    /// `CLONE_NEWNS` (`<sched.h>`, not imported into Swift).
    private static let cloneNewNS: Int32 = 0x0002_0000

    /// glibc's `setns` (2.14+), which the Glibc module does not export.
    private static let setnsFunction: (@convention(c) (Int32, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setns") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    }()

    /// The socket to its end; `nil` on a read error or when `deadline` (monotonic seconds) passes first.
    private static func readAll(_ fd: Int32, until deadline: Double) -> [UInt8]? {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let left = deadline - Environment.monotonic()
            guard left > 0 else { return nil }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = Syscalls.retrying { poll(&poller, 1, Int32(left * 1000) + 1) }
            if ready < 0 { return nil }
            if ready == 0 { continue }
            let n = chunk.withUnsafeMutableBytes { buf in Syscalls.retrying { read(fd, buf.baseAddress, buf.count) } }
            if n < 0 { return nil }
            if n == 0 { return result }
            result.append(contentsOf: chunk[0..<n])
        }
    }
}
