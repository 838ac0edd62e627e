/// A response's status line and header fields.
public struct HTTPResponseHead: Sendable, Equatable {
    /// The status code (200, 404, …).
    public var status: Int
    /// The reason phrase as sent (may be empty).
    public var reason: String
    /// The header fields.
    public var headers: HTTPHeaders

    /// - Parameters:
    ///   - status: the status code.
    ///   - reason: the reason phrase.
    ///   - headers: the header fields.
    public init(status: Int, reason: String = "", headers: HTTPHeaders = [:]) {
        self.status = status
        self.reason = reason
        self.headers = headers
    }

    /// `true` for 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// A whole response: head and decoded body (chunked framing removed).
public struct HTTPResponse: Sendable, Equatable {
    /// Status line and header fields.
    public var head: HTTPResponseHead
    /// The body bytes.
    public var body: [UInt8]

    /// - Parameters:
    ///   - head: status line and fields.
    ///   - body: the decoded body.
    public init(head: HTTPResponseHead, body: [UInt8] = []) {
        self.head = head
        self.body = body
    }

    /// - Parameters:
    ///   - status: the status code.
    ///   - headers: the header fields.
    ///   - body: the body as UTF-8 text.
    public init(status: Int, headers: HTTPHeaders = [:], body: String) {
        self.init(head: HTTPResponseHead(status: status, headers: headers), body: Array(body.utf8))
    }

    /// The status code.
    public var status: Int { head.status }

    /// The header fields.
    public var headers: HTTPHeaders { head.headers }

    /// The body decoded as UTF-8 (invalid sequences become U+FFFD).
    public var text: String { String(decoding: body, as: UTF8.self) }
}
