import HTTP
import Testing

/// The socket transports end to end against a loopback server (unix socket and 127.0.0.1).
@Suite(.serialized) struct TransportTests {
    static func socketPath(_ name: String) -> String { "/tmp/oc-http-test-\(name).sock" }

    enum Kind: String, CaseIterable, Sendable { case unix, tcp }

    static func pair(_ kind: Kind, _ name: String, timeout: Duration = .seconds(5)) -> (LoopbackServer, any HTTPTransport) {
        switch kind {
        case .unix:
            let path = socketPath(name)
            return (LoopbackServer(.unix(path)), UnixSocketTransport(path: path, timeout: timeout))
        case .tcp:
            let server = LoopbackServer(.tcp)
            return (server, TCPTransport(host: "127.0.0.1", port: server.port, timeout: timeout))
        }
    }

    @Test(arguments: Kind.allCases)
    func roundTripWithChunkedBody(kind: Kind) throws {
        let (server, transport) = Self.pair(kind, "roundtrip")
        server.serve("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", pieceSize: 3)
        let response = try transport.send(
            HTTPRequest(.post, "/v1.41/x?a=1", headers: ["Content-Type": "application/json"], body: Array("{\"k\":1}".utf8)))
        server.join()
        #expect(response.status == 200 && response.text == "hello world")
        let request = try #require(server.requests.first)
        #expect(request.hasPrefix("POST /v1.41/x?a=1 HTTP/1.1\r\n"))
        #expect(request.contains(kind == .unix ? "Host: localhost\r\n" : "Host: 127.0.0.1:\(server.port)\r\n"))
        #expect(request.contains("Connection: close\r\n") && request.hasSuffix("\r\n\r\n{\"k\":1}"))
    }

    @Test(arguments: Kind.allCases)
    func streamsPiecesAsTheyArrive(kind: Kind) throws {
        let (server, transport) = Self.pair(kind, "stream")
        server.serve("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n2\r\n[]\r\n0\r\n\r\n", pieceSize: 25, pauseMilliseconds: 20)
        var received: [UInt8] = []
        var calls = 0
        let response = try transport.stream(HTTPRequest(.post, "/images/create")) { piece in
            received += piece
            calls += 1
            return .proceed
        }
        server.join()
        #expect(response.status == 200 && String(decoding: received, as: UTF8.self) == "{}[]" && calls >= 2)
    }

    @Test(arguments: Kind.allCases)
    func timesOutWhenTheServerIsSilent(kind: Kind) throws {
        // A listening socket nobody accepts on: the connection and the request go through, no answer comes.
        let (server, transport) = Self.pair(kind, "silent", timeout: .milliseconds(200))
        _ = server
        #expect(throws: HTTPError.timedOut(seconds: 0.2)) {
            try transport.send(HTTPRequest(.get, "/_ping"))
        }
    }

    @Test func requestTimeoutOverridesTheTransports() throws {
        let (server, transport) = Self.pair(.unix, "override", timeout: .seconds(30))
        _ = server
        #expect(throws: HTTPError.timedOut(seconds: 0.1)) {
            try transport.send(HTTPRequest(.get, "/_ping", timeout: .milliseconds(100)))
        }
    }

    @Test func missingSocketSaysSo() {
        let transport = UnixSocketTransport(path: "/tmp/oc-http-test-missing.sock", timeout: .seconds(1))
        #expect(throws: HTTPError.connect(endpoint: "unix:///tmp/oc-http-test-missing.sock", reason: .noSuchSocket)) {
            try transport.send(HTTPRequest(.get, "/_ping"))
        }
    }

    @Test func socketWithoutListenerIsRefused() {
        let path = Self.socketPath("refused")
        let server = LoopbackServer(.unix(path), listen: false)
        _ = server
        #expect(throws: HTTPError.connect(endpoint: "unix://\(path)", reason: .refused)) {
            try UnixSocketTransport(path: path, timeout: .seconds(1)).send(HTTPRequest(.get, "/_ping"))
        }
    }

    @Test func closedTCPPortIsRefused() {
        let server = LoopbackServer(.tcp, listen: false)
        let port = server.port
        #expect(throws: HTTPError.connect(endpoint: "tcp://127.0.0.1:\(port)", reason: .refused)) {
            try TCPTransport(host: "127.0.0.1", port: port, timeout: .seconds(1)).send(HTTPRequest(.get, "/"))
        }
    }

    @Test func tooLongPathIsAConnectError() {
        let path = "/tmp/" + String(repeating: "p", count: 200)
        #expect { try UnixSocketTransport(path: path).send(HTTPRequest(.get, "/")) } throws: { error in
            guard case .connect(_, .other) = error as? HTTPError else { return false }
            return true
        }
    }

    @Test func peerClosingEarlyIsReported() {
        let (server, transport) = Self.pair(.unix, "early")
        server.serve("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort")
        #expect(throws: HTTPError.closedEarly(endpoint: transport.endpoint)) {
            try transport.send(HTTPRequest(.get, "/"))
        }
        server.join()
    }

    @Test func endpointsNameTheTarget() {
        #expect(UnixSocketTransport().endpoint == "unix:///var/run/docker.sock")
        #expect(TCPTransport(host: "127.0.0.1", port: 5000).endpoint == "tcp://127.0.0.1:5000")
        #expect(TCPTransport(host: "::1", port: 5000).authority == "[::1]:5000")
    }
}
