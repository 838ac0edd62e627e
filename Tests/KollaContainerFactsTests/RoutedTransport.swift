import DockerEngine
import HTTP
import JSON
import Synchronization

/// An `HTTPTransport` twin that answers by route (`GET /containers/json?all=0`, matched on the
/// target without the `/v1.xx` prefix); anything unrouted gets 404. Records what it was asked.
final class RoutedTransport: HTTPTransport {
    let endpoint = "unix:///fake/docker.sock"
    private let routes: [String: (status: Int, body: String)]
    private let asked = Mutex<[String]>([])

    init(_ routes: [String: (status: Int, body: String)]) {
        self.routes = routes
    }

    /// `METHOD target` (version prefix removed) of each request, in order.
    var requests: [String] { asked.withLock { $0 } }

    func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        var target = request.target
        if target.hasPrefix("/v1."), let slash = target.dropFirst().firstIndex(of: "/") { target = String(target[slash...]) }
        let line = "\(request.method.rawValue) \(target)"
        asked.withLock { $0.append(line) }
        let (status, body) = routes[line] ?? (404, #"{"message":"no such route"}"#)
        return HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    }

    func stream(_ request: HTTPRequest, onChunk: (ArraySlice<UInt8>) -> HTTPStreamControl) throws(HTTPError) -> HTTPResponse {
        let response = try send(request)
        guard response.head.isSuccess else { return response }
        _ = onChunk(response.body[...])
        return HTTPResponse(head: response.head)
    }

    /// A client over this transport at API 1.41.
    var client: EngineClient { EngineClient(transport: self, apiVersion: .newestSupported) }
}

/// Rendering helper for route bodies.
func json(_ value: JSONValue) -> String { JSONWriter().write(value) }
