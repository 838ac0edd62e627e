import Testing

@testable import HTTP

@Suite struct ResponseReaderTests {
    static let pieceSizes = [1, 2, 3, 7, 64, 100_000]

    static let bodies: [(String, Int, String)] = [
        ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 200, "hello"),
        ("HTTP/1.1 200 OK\r\ncontent-length:   5  \r\n\r\nhello", 200, "hello"),
        ("HTTP/1.0 201 Created\r\n\r\nuntil close", 201, "until close"),
        (
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: 1\r\n\r\n",
            200, "Wikipedia in\r\n\r\nchunks."
        ),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n", 200, "0123456789"),
        ("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\na\n0123456789\n0\n\n", 200, "0123456789"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n", 200, "abc"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n2\r\nxy\r\n0\r\n\r\n", 200, "xy"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 99\r\n\r\n1\r\nz\r\n0\r\n\r\n", 200, "z"),
        ("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, "ok"),
        ("HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n", 204, ""),
        ("HTTP/1.1 304 Not Modified\r\n\r\n", 304, ""),
        (
            "HTTP/1.1 404 Not Found\r\nContent-Length: 38\r\n\r\n{\"message\":\"No such container: nope\"}\n", 404,
            "{\"message\":\"No such container: nope\"}\n"
        ),
        ("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", 200, ""),
    ]

    @Test(arguments: bodies, pieceSizes)
    func readsBodies(entry: (String, Int, String), pieceSize: Int) throws {
        let response = try exchange(entry.0, pieceSize: pieceSize)
        #expect(response.status == entry.1)
        #expect(response.text == entry.2)
    }

    @Test func keepsHeaderFieldsInOrder() throws {
        let response = try exchange("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nX-A: 1\r\nx-a: 2\r\nContent-Length: 0\r\n\r\n")
        #expect(response.head.reason == "OK")
        #expect(response.headers["api-version"] == "1.41")
        #expect(response.headers.values(of: "X-A") == ["1", "2"])
    }

    @Test func headRequestHasNoBody() throws {
        let response = try exchange("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", method: .head)
        #expect(response.body.isEmpty)
    }

    static let failures: [(String, String)] = [
        ("", "closedEarly"),
        ("HTTP/1.1 200 OK\r\n", "closedEarly"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "closedEarly"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", "closedEarly"),
        ("garbage\r\n\r\n", "malformed"),
        ("HTTP/1.1 2000 OK\r\n\r\n", "malformed"),
        ("HTTP/2 200\r\n\r\n", "malformed"),
        ("HTTP/1.1 099 Low\r\n\r\n", "malformed"),
        ("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "malformed"),
        ("HTTP/1.1 200 OK\r\n: empty name\r\n\r\n", "malformed"),
        ("HTTP/1.1 200 OK\r\nA: 1\r\n folded\r\n\r\n", "malformed"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", "malformed"),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "malformed"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 1e3\r\n\r\n", "malformed"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "malformed"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", "malformed"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n", "malformed"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n11111111111111111\r\n", "malformed"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n", "malformed"),
    ]

    @Test(arguments: failures)
    func rejectsBrokenResponses(raw: String, expected: String) {
        for pieceSize in [1, 5, 100_000] {
            #expect {
                _ = try exchange(raw, pieceSize: pieceSize)
            } throws: { error in
                (error as? HTTPError)?.caseName == expected
            }
        }
    }

    @Test func limitsTheHead() {
        let raw = "HTTP/1.1 200 OK\r\nX-Long: " + String(repeating: "a", count: 200) + "\r\n\r\n"
        #expect(throws: HTTPError.tooLarge(limit: 64)) {
            try exchange(raw, limits: HTTPLimits(maxHeadBytes: 64))
        }
    }

    @Test(arguments: [
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\n\r\nhello",
    ])
    func limitsTheBody(raw: String) throws {
        #expect(throws: HTTPError.tooLarge(limit: 4)) {
            try exchange(raw, pieceSize: 2, limits: HTTPLimits(maxBodyBytes: 4))
        }
        #expect(try exchange(raw, pieceSize: 2, limits: HTTPLimits(maxBodyBytes: 5)).text == "hello")
    }

    @Test func streamsSuccessBodiesPieceByPiece() throws {
        var pieces: [String] = []
        let raw = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
        let response = try exchange(raw, pieceSize: 100) { piece in
            pieces.append(String(decoding: piece, as: UTF8.self))
            return .proceed
        }
        #expect(response.status == 200 && response.body.isEmpty)
        #expect(pieces == ["abc", "de"])
    }

    @Test func streamingStopsWhenAsked() throws {
        var count = 0
        let raw = "HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "x", count: 50)
        _ = try exchange(raw, pieceSize: 10) { _ in
            count += 1
            return .stop
        }
        #expect(count == 1)
    }

    @Test func streamingCollectsErrorBodies() throws {
        var called = false
        let raw = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 13\r\n\r\n{\"message\":1}"
        let response = try exchange(raw) { _ in
            called = true
            return .proceed
        }
        #expect(!called)
        #expect(response.status == 500 && response.text == "{\"message\":1}")
    }
}
