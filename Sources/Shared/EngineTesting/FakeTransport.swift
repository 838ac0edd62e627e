public import HTTP
import Synchronization

/// An `HTTPTransport` twin: answers each request with the next scripted reply, in order, and
/// records the requests. A streamed 2xx body is delivered in `pieceSize` pieces.
public final class FakeTransport: HTTPTransport {
    /// One scripted answer.
    public struct Reply: Sendable {
        public var outcome: Result<HTTPResponse, HTTPError>
        public var pieceSize = Int.max

        public static func json(_ status: Int, _ body: String, pieceSize: Int = .max) -> Reply {
            Reply(outcome: .success(HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)), pieceSize: pieceSize)
        }

        public static func json(_ body: String, pieceSize: Int = .max) -> Reply {
            json(200, body, pieceSize: pieceSize)
        }

        public static func status(_ status: Int) -> Reply {
            Reply(outcome: .success(HTTPResponse(head: HTTPResponseHead(status: status))))
        }

        public static func bytes(_ status: Int, _ body: [UInt8]) -> Reply {
            Reply(outcome: .success(HTTPResponse(head: HTTPResponseHead(status: status), body: body)))
        }

        public static func failure(_ error: HTTPError) -> Reply {
            Reply(outcome: .failure(error))
        }
    }

    private let state: Mutex<(replies: [Reply], requests: [HTTPRequest])>
    public let endpoint = "unix:///fake/docker.sock"

    public init(_ replies: [Reply]) {
        state = Mutex((replies, []))
    }

    /// The requests received so far, in order.
    public var requests: [HTTPRequest] { state.withLock { $0.requests } }

    /// `METHOD target` of each request.
    public var lines: [String] { requests.map { "\($0.method.rawValue) \($0.target)" } }

    /// Replies not yet used.
    public var unused: Int { state.withLock { $0.replies.count } }

    private func next(_ request: HTTPRequest) -> Reply {
        state.withLock { state in
            state.requests.append(request)
            guard !state.replies.isEmpty else {
                return Reply.failure(.closedEarly(endpoint: "fake: no scripted reply for \(request.target)"))
            }
            return state.replies.removeFirst()
        }
    }

    public func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        try next(request).outcome.get()
    }

    public func stream(_ request: HTTPRequest, onChunk: (ArraySlice<UInt8>) -> HTTPStreamControl) throws(HTTPError) -> HTTPResponse {
        let reply = next(request)
        let response = try reply.outcome.get()
        guard response.head.isSuccess else { return response }
        var start = 0
        while start < response.body.count {
            let end = min(start + reply.pieceSize, response.body.count)
            if onChunk(response.body[start..<end]) == .stop { break }
            start = end
        }
        return HTTPResponse(head: response.head)
    }
}
