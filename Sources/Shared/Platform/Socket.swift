#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A connected stream socket (AF_UNIX or TCP) in non-blocking mode: every wait goes through
/// `poll`, so each operation has a timeout. The descriptor is closed on `release()` or deinit.
///
/// Timeouts are in milliseconds and bound each wait (an idle timeout, not a deadline for the
/// whole exchange); `-1` waits forever.
public final class StreamSocket {
    private var fd: Int32

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit { release() }

    /// Connects to the AF_UNIX stream socket at `path` (`socket` + `connect`).
    /// - Throws: `SocketError.system` (ENOENT: no socket file, ECONNREFUSED: nobody listens,
    ///   EACCES: no permission, ENAMETOOLONG: path longer than `sun_path`), `.timedOut`.
    public static func connectUnix(path: String, timeoutMilliseconds: Int32) throws(SocketError) -> StreamSocket {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity, !pathBytes.contains(0) else {
            throw .system(SystemError(call: "connect", subject: path, code: ENAMETOOLONG))
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let socket = try open(family: AF_UNIX, subject: path)
        try withUnsafeBytes(of: &address) { (raw) throws(SocketError) in
            guard let base = raw.baseAddress else { return }
            try socket.establish(
                base.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count),
                subject: path, timeoutMilliseconds: timeoutMilliseconds)
        }
        return socket
    }

    /// Connects to `host`:`port` over TCP, trying each address `getaddrinfo` returns in turn.
    /// - Throws: `SocketError.unresolved` when the name does not resolve, otherwise the error of
    ///   the last address tried (`.system` with ECONNREFUSED, …, or `.timedOut`).
    public static func connectTCP(host: String, port: UInt16, timeoutMilliseconds: Int32) throws(SocketError) -> StreamSocket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = gai_strerror(status).map { String(cString: $0) } ?? "error \(status)"
            throw .unresolved(host: host, reason: reason)
        }
        defer { freeaddrinfo(first) }
        let subject = "\(host):\(port)"
        var lastError = SocketError.unresolved(host: host, reason: "no address")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            entry = current.pointee.ai_next
            guard let address = current.pointee.ai_addr else { continue }
            do {
                let socket = try open(family: current.pointee.ai_family, subject: subject)
                try socket.establish(
                    address, current.pointee.ai_addrlen, subject: subject, timeoutMilliseconds: timeoutMilliseconds)
                return socket
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    /// `socket(family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)`.
    private static func open(family: Int32, subject: String) throws(SocketError) -> StreamSocket {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        let fd = socket(family, type, 0)
        if fd < 0 { throw .system(SystemError(call: "socket", subject: subject, code: errno)) }
        return StreamSocket(fd: fd)
    }

    /// Non-blocking `connect`, then `poll` for writability and `getsockopt(SO_ERROR)`.
    private func establish(
        _ address: UnsafePointer<sockaddr>, _ length: socklen_t, subject: String, timeoutMilliseconds: Int32
    ) throws(SocketError) {
        if Syscalls.retrying({ connect(fd, address, length) }) == 0 { return }
        let code = errno
        guard code == EINPROGRESS else { throw .system(SystemError(call: "connect", subject: subject, code: code)) }
        try wait(for: POLLOUT, operation: "connect", subject: subject, timeoutMilliseconds: timeoutMilliseconds)
        var pending: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        if getsockopt(fd, SOL_SOCKET, SO_ERROR, &pending, &size) != 0 {
            throw .system(SystemError(call: "getsockopt", subject: subject, code: errno))
        }
        if pending != 0 { throw .system(SystemError(call: "connect", subject: subject, code: pending)) }
    }

    /// `poll` until `events` are signalled; POLLERR and POLLHUP also end the wait (the next call reports them).
    private func wait(for events: Int32, operation: String, subject: String, timeoutMilliseconds: Int32) throws(SocketError) {
        var entry = pollfd(fd: fd, events: Int16(events), revents: 0)
        let ready = Syscalls.retrying { poll(&entry, 1, timeoutMilliseconds) }
        if ready < 0 { throw .system(SystemError(call: "poll", subject: subject, code: errno)) }
        if ready == 0 { throw .timedOut(operation: operation) }
    }

    /// Sends all of `bytes` (`send` with MSG_NOSIGNAL, so a closed peer is an EPIPE error, not a signal).
    /// - Throws: `SocketError.system` (EPIPE, ECONNRESET, …) or `.timedOut` when the peer stops reading.
    public func transmit(_ bytes: [UInt8], timeoutMilliseconds: Int32) throws(SocketError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Syscalls.retrying { send(fd, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL)) }
            }
            if n < 0 {
                let code = errno
                guard code == EAGAIN || code == EWOULDBLOCK else {
                    throw .system(SystemError(call: "send", subject: "socket", code: code))
                }
                try wait(for: POLLOUT, operation: "send", subject: "socket", timeoutMilliseconds: timeoutMilliseconds)
                continue
            }
            offset += n
        }
    }

    /// Reads what is available (at most `buffer.count` bytes) into `buffer`, waiting up to the timeout.
    /// - Returns: the number of bytes read; `0` means the peer closed the connection.
    /// - Throws: `SocketError.system` (ECONNRESET, …) or `.timedOut`.
    public func receive(into buffer: inout [UInt8], timeoutMilliseconds: Int32) throws(SocketError) -> Int {
        while true {
            let n = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Syscalls.retrying { recv(fd, base, raw.count, 0) }
            }
            if n >= 0 { return n }
            let code = errno
            guard code == EAGAIN || code == EWOULDBLOCK else {
                throw .system(SystemError(call: "recv", subject: "socket", code: code))
            }
            try wait(for: POLLIN, operation: "receive", subject: "socket", timeoutMilliseconds: timeoutMilliseconds)
        }
    }

    /// Closes the descriptor (`close`); later calls fail with EBADF. Safe to call twice.
    public func release() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }
}

extension Syscalls {
    static let econnrefused = ECONNREFUSED
    static let eacces = EACCES
    static let eperm = EPERM
}
