public import HTTP
import Synchronization

/// An `HTTPTransport` twin that answers by route: `"METHOD target"` with the `/v1.xx` prefix
/// removed, matched with its query first, then without it (`"POST /containers/c/stop"`). A route
/// holds one or more replies, used in order, the last one repeating (an image absent, then pulled).
/// Unrouted requests get 404. Safe to use from several threads (a bulk run's workers).
///
/// `failing` injects a fault: the request with that index (0-based, in arrival order) gets
/// `500 {"message":"injected failure"}` instead of its route, so a test can fail every step of an
/// action in turn and check what the result claims was done.
public final class RoutedTransport: HTTPTransport {
    public let endpoint = "unix:///fake/docker.sock"
    /// The daemon's message in an injected fault.
    public static let injectedMessage = "injected failure"

    private let state: Mutex<(routes: [String: [FakeTransport.Reply]], asked: [String])>
    private let failing: Int?

    /// - Parameters:
    ///   - routes: replies by `"METHOD target"`.
    ///   - failing: index of the request to fail with a 500, if any.
    public init(_ routes: [String: [FakeTransport.Reply]], failing: Int? = nil) {
        state = Mutex((routes, []))
        self.failing = failing
    }

    /// Routes with one JSON reply each (`(200, body)`).
    public convenience init(json routes: [String: (status: Int, body: String)], failing: Int? = nil) {
        self.init(routes.mapValues { [.json($0.status, $0.body)] }, failing: failing)
    }

    /// `METHOD target` (version prefix removed) of each request, in order.
    public var requests: [String] { state.withLock { $0.asked } }

    /// The request line without the API version prefix.
    public static func line(_ request: HTTPRequest) -> String {
        var target = request.target
        if target.hasPrefix("/v1."), let slash = target.dropFirst().firstIndex(of: "/") { target = String(target[slash...]) }
        return "\(request.method.rawValue) \(target)"
    }

    private func reply(to request: HTTPRequest) -> FakeTransport.Reply {
        let line = Self.line(request)
        return state.withLock { state in
            state.asked.append(line)
            if state.asked.count - 1 == failing {
                return .json(500, #"{"message":"\#(Self.injectedMessage)"}"#)
            }
            let key = state.routes[line] != nil ? line : String(line.prefix { $0 != "?" })
            guard var replies = state.routes[key], let first = replies.first else {
                return .json(404, #"{"message":"no such route: \#(line)"}"#)
            }
            if replies.count > 1 {
                replies.removeFirst()
                state.routes[key] = replies
            }
            return first
        }
    }

    public func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        try reply(to: request).outcome.get()
    }

    public func stream(_ request: HTTPRequest, onChunk: (ArraySlice<UInt8>) -> HTTPStreamControl) throws(HTTPError) -> HTTPResponse {
        let response = try reply(to: request).outcome.get()
        guard response.head.isSuccess else { return response }
        _ = onChunk(response.body[...])
        return HTTPResponse(head: response.head)
    }
}
