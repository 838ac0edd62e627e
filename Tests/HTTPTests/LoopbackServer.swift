#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A test server on a unix socket or 127.0.0.1: a thread accepts connections one at a time, reads
/// each request (head and Content-Length body), then writes the canned reply in pieces and closes.
/// Only loopback addresses are ever bound.
final class LoopbackServer: @unchecked Sendable {
    enum Address {
        case unix(String)
        case tcp
    }

    let fd: Int32
    private(set) var port: UInt16 = 0
    let path: String?
    /// Requests received, readable after `join()`.
    private(set) var requests: [String] = []
    private var thread: pthread_t?
    private var reply: [[UInt8]] = []
    private var pauseMilliseconds: Int32 = 0
    private var connections = 0

    init(_ address: Address, listen shouldListen: Bool = true) {
        switch address {
        case .unix(let path):
            self.path = path
            unlink(path)
            fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_un()
            addr.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &addr.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
            _ = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
        case .tcp:
            path = nil
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            addr.sin_port = 0
            _ = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            var bound = sockaddr_in()
            var size = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &bound) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) }
            }
            port = UInt16(bigEndian: bound.sin_port)
        }
        if shouldListen { listen(fd, 8) }
    }

    deinit {
        close(fd)
        if let path { unlink(path) }
    }

    /// Serves `connections` connections with `reply`, split into `pieces`, pausing between pieces.
    func serve(_ reply: String, pieceSize: Int = 1 << 20, pauseMilliseconds: Int32 = 0, connections: Int = 1) {
        let bytes = Array(reply.utf8)
        self.reply = stride(from: 0, to: max(bytes.count, 1), by: pieceSize).map { Array(bytes[$0..<min($0 + pieceSize, bytes.count)]) }
        self.pauseMilliseconds = pauseMilliseconds
        self.connections = connections
        var tid = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        pthread_create(
            &tid, nil,
            { context in
                guard let context else { return nil }
                let server = Unmanaged<LoopbackServer>.fromOpaque(context).takeRetainedValue()
                server.run()
                return nil
            }, context)
        thread = tid
    }

    /// Waits for the serving thread.
    func join() {
        if let thread { pthread_join(thread, nil) }
        thread = nil
    }

    private func run() {
        for _ in 0..<connections {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            requests.append(readRequest(client))
            for (index, piece) in reply.enumerated() {
                if index > 0 && pauseMilliseconds > 0 { poll(nil, 0, pauseMilliseconds) }
                _ = piece.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
            close(client)
        }
    }

    private func readRequest(_ client: Int32) -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += buffer[0..<n]
            guard let end = (0..<max(received.count - 3, 0)).first(where: { received[$0..<$0 + 4] == [13, 10, 13, 10] }) else {
                continue
            }
            let head = String(decoding: received[..<end], as: UTF8.self).lowercased()
            let length =
                head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).filter { $0 != " " }) } ?? 0
            if received.count - (end + 4) >= length { break }
        }
        return String(decoding: received, as: UTF8.self)
    }
}
