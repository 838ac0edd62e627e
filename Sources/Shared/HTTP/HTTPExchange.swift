/// One request/response over a fresh connection: the HTTP/1.1 codec both socket transports share.
struct HTTPExchange<Channel: ByteChannel> {
    let channel: Channel
    let endpoint: String
    let host: String
    let limits: HTTPLimits

    /// Writes `request`, reads the head, then the body: to `onChunk` for a 2xx when `onChunk` is
    /// given, otherwise into the returned response (at most `limits.maxBodyBytes`).
    func run(
        _ request: HTTPRequest, onChunk: ((ArraySlice<UInt8>) -> HTTPStreamControl)?
    ) throws(HTTPError) -> HTTPResponse {
        try channel.write(RequestEncoder.encode(request, host: host))
        var reader = ResponseReader(channel: channel, endpoint: endpoint)
        let head = try reader.head(limit: limits.maxHeadBytes)
        let framing = try BodyFraming(head: head, method: request.method)
        if let onChunk, head.isSuccess {
            try reader.body(framing) { (piece) throws(HTTPError) in onChunk(piece) }
            return HTTPResponse(head: head)
        }
        if case .length(let length) = framing, length > limits.maxBodyBytes {
            throw .tooLarge(limit: limits.maxBodyBytes)
        }
        var body: [UInt8] = []
        let limit = limits.maxBodyBytes
        try reader.body(framing) { (piece) throws(HTTPError) in
            guard body.count + piece.count <= limit else { throw .tooLarge(limit: limit) }
            body += piece
            return .proceed
        }
        return HTTPResponse(head: head, body: body)
    }
}
