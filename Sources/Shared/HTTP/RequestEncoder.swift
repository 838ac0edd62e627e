/// Writes an `HTTPRequest` as HTTP/1.1 bytes, one request per connection (`Connection: close`).
enum RequestEncoder {
    /// The fields the encoder owns; same-named fields in the request are dropped.
    private static let owned: Set<String> = ["connection", "content-length", "transfer-encoding"]

    /// The request head and body.
    /// - Parameter host: the `Host` value unless the request carries its own.
    /// - Throws: `HTTPError.invalidRequest` for a target or field that would break the framing.
    static func encode(_ request: HTTPRequest, host: String) throws(HTTPError) -> [UInt8] {
        guard request.target.hasPrefix("/"), !request.target.utf8.contains(where: Self.breaksTarget) else {
            throw .invalidRequest("request target \(request.target.debugDescription) is not an encoded path")
        }
        var head = "\(request.method.rawValue) \(request.target) HTTP/1.1\r\n"
        if !request.headers.contains("Host") { head += "Host: \(host)\r\n" }
        if !request.headers.contains("User-Agent") { head += "User-Agent: overcloud-containers\r\n" }
        for (name, value) in request.headers where !owned.contains(HTTPHeaders.fold(name)) {
            guard !name.isEmpty, !name.utf8.contains(where: Self.breaksName), !value.utf8.contains(where: Self.breaksValue) else {
                throw .invalidRequest("header field \(name.debugDescription) has a forbidden character")
            }
            head += "\(name): \(value)\r\n"
        }
        let needsLength = !request.body.isEmpty || [.post, .put, .patch].contains(request.method)
        if needsLength { head += "Content-Length: \(request.body.count)\r\n" }
        head += "Connection: close\r\n\r\n"
        return Array(head.utf8) + request.body
    }

    private static func breaksTarget(_ byte: UInt8) -> Bool { byte <= 0x20 || byte == 0x7F }
    private static func breaksName(_ byte: UInt8) -> Bool { byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: ":") }
    private static func breaksValue(_ byte: UInt8) -> Bool { byte == 0x0D || byte == 0x0A || byte == 0 }
}
