import HTTP
import JSON

/// The daemon's JSON-lines progress streams (`/images/create`, `/build`, `/images/{name}/push`).
extension EngineClient {
    /// Sends `request`, feeding each JSON line of the 2xx stream to `onLine`.
    /// - Returns: the error text of the first `error`/`errorDetail` line or of a non-2xx answer; `nil` when none.
    /// - Throws: `EngineError` when the stream breaks or a line is not JSON.
    func streamLines(_ request: HTTPRequest, onLine: (JSONValue) -> Void) throws(EngineError) -> String? {
        var lines = JSONLines()
        var failure: EngineError?
        var message: String?
        let response: HTTPResponse
        do throws(HTTPError) {
            response = try transport.stream(request) { piece in
                do throws(EngineError) {
                    for line in try lines.feed(piece) {
                        onLine(line)
                        if let text = Self.errorText(line) {
                            message = text
                            return .stop
                        }
                    }
                } catch {
                    failure = error
                    return .stop
                }
                return .proceed
            }
        } catch {
            throw Self.wrap(error)
        }
        guard response.head.isSuccess else { return Self.daemonMessage(response) }
        if let failure { throw failure }
        if message == nil, let last = try lines.finish() {
            onLine(last)
            message = Self.errorText(last)
        }
        return message
    }

    /// The error of a progress line (`errorDetail.message`, else `error`), if it is one.
    /// The text of an `errorDetail`/`error` line; `nil` for progress lines.
    static func errorText(_ line: JSONValue) -> String? {
        line.at(path: ["errorDetail", "message"])?.stringValue ?? line.at("error")?.stringValue
    }
}
