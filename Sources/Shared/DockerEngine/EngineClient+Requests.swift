import HTTP
import JSON

/// The request plumbing every call shares: versioned paths, JSON bodies, status → `EngineError`.
extension EngineClient {
    /// `/v1.41` + `path` + `?query`.
    func target(_ path: String, _ query: QueryString = [:]) -> String {
        query.appended(to: "/v\(apiVersion)\(path)")
    }

    /// The request, with a JSON body and `Content-Type` when `json` is given.
    func request(
        _ method: HTTPMethod, _ path: String, query: QueryString = [:], json: JSONValue? = nil,
        headers: HTTPHeaders = [:], timeout: Duration? = nil, versioned: Bool = true
    ) -> HTTPRequest {
        var headers = headers
        var body: [UInt8] = []
        if let json {
            headers.set("Content-Type", "application/json")
            body = Array(JSONWriter().write(json).utf8)
        }
        let target = versioned ? self.target(path, query) : query.appended(to: path)
        return HTTPRequest(method, target, headers: headers, body: body, timeout: timeout ?? self.timeout)
    }

    /// Sends `request`; transport failures become `EngineError`.
    func send(_ request: HTTPRequest) throws(EngineError) -> HTTPResponse {
        do {
            return try transport.send(request)
        } catch {
            throw Self.wrap(error)
        }
    }

    /// Sends `request` and returns the 2xx response; any other status becomes an error about
    /// `kind` `name` (404 → `.notFound` when `kind` is given).
    func expectSuccess(
        _ request: HTTPRequest, about kind: EngineObject? = nil, named name: String = ""
    ) throws(EngineError) -> HTTPResponse {
        let response = try send(request)
        guard response.head.isSuccess else { throw Self.failure(response, about: kind, named: name) }
        return response
    }

    /// The 2xx response body parsed as JSON.
    func json(_ request: HTTPRequest, about kind: EngineObject? = nil, named name: String = "") throws(EngineError) -> JSONValue {
        try Self.parse(expectSuccess(request, about: kind, named: name).body, what: "\(request.method.rawValue) \(request.target)")
    }

    /// The 2xx response body parsed as JSON, or `nil` for 404 (absence is a value).
    func jsonIfPresent(_ request: HTTPRequest, about kind: EngineObject, named name: String) throws(EngineError) -> JSONValue? {
        let response = try send(request)
        if response.status == 404 { return nil }
        guard response.head.isSuccess else { throw Self.failure(response, about: kind, named: name) }
        return try Self.parse(response.body, what: "\(request.method.rawValue) \(request.target)")
    }

    static func parse(_ body: [UInt8], what: String) throws(EngineError) -> JSONValue {
        do {
            return try JSONParser().parse(body)
        } catch {
            throw .malformedReply("\(what): \(error)")
        }
    }

    static func wrap(_ error: HTTPError) -> EngineError {
        if case .timedOut(let seconds) = error { return .timedOut(seconds: seconds) }
        return .transport(error)
    }

    /// The error for a non-2xx `response`.
    static func failure(_ response: HTTPResponse, about kind: EngineObject?, named name: String) -> EngineError {
        let message = daemonMessage(response)
        if response.status == 404, let kind { return .notFound(kind: kind, name: name) }
        switch response.status {
        case 409:
            return .conflict(message)
        case 500 where podmanConflicts.contains(where: message.hasSuffix):
            return .conflict(message)
        default:
            return .api(status: response.status, message: message)
        }
    }

    /// Podman's compat API answers 500 where Docker answers 409; these message endings mark those
    /// cases (a taken container name; exec in a stopped container).
    static let podmanConflicts = ["that name is already in use", "container state improper"]

    /// The `message` field of an error body, else its text (first 500 bytes), else the reason phrase.
    static func daemonMessage(_ response: HTTPResponse) -> String {
        if let parsed = try? JSONParser().parse(response.body), let message = parsed.at("message")?.stringValue {
            return message
        }
        let text = String(decoding: response.body.prefix(500), as: UTF8.self).trimmingWhitespace
        return text.isEmpty ? (response.head.reason.isEmpty ? "HTTP \(response.status)" : response.head.reason) : text
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
