/// How a response body is delimited (RFC 9112 §6.3).
enum BodyFraming: Equatable {
    /// No body (HEAD, 1xx, 204, 304).
    case none
    /// Exactly this many bytes.
    case length(Int)
    /// `Transfer-Encoding: chunked`.
    case chunked
    /// Until the peer closes the connection (also Docker's hijacked exec/attach streams).
    case untilClose

    /// The framing of the response to a `method` request with `head`.
    /// - Throws: `HTTPError.malformed` for an unreadable or contradictory Content-Length.
    init(head: HTTPResponseHead, method: HTTPMethod) throws(HTTPError) {
        if method == .head || head.status < 200 || head.status == 204 || head.status == 304 {
            self = .none
            return
        }
        let codings = head.headers.values(of: "Transfer-Encoding")
            .flatMap { $0.split(separator: ",") }
            .map { HTTPHeaders.fold(String($0).trimmingSpaces) }
        if let last = codings.last {
            self = last == "chunked" ? .chunked : .untilClose
            return
        }
        let lengths = Set(head.headers.values(of: "Content-Length").flatMap { $0.split(separator: ",") }.map { String($0).trimmingSpaces })
        guard let text = lengths.first else {
            self = .untilClose
            return
        }
        guard lengths.count == 1, !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let length = Int(text) else {
            throw .malformed("Content-Length \(lengths.sorted().joined(separator: ","))")
        }
        self = .length(length)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
