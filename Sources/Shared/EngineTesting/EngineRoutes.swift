/// Route tables for `RoutedTransport`: the replies a daemon gives to a module's usual requests, by
/// `"METHOD target"`. Modules' tests merge them with their own inspect replies.
public enum EngineRoutes {
    public typealias Routes = [String: [FakeTransport.Reply]]

    /// The recorded `GET /version` (Docker 20.10).
    public static var version: Routes { ["GET /version": [.json(Recorded.version)]] }

    /// No container called `name` (404, Docker's message).
    public static func absent(_ name: String) -> Routes {
        ["GET /containers/\(name)/json": [.json(404, Recorded.noSuchContainer)]]
    }

    /// The replies a successful create/start/stop/restart/remove of container `name` gets.
    public static func lifecycle(_ name: String) -> Routes {
        [
            "POST /containers/create": [.json(201, #"{"Id":"id-\#(name)","Warnings":[]}"#)],
            "POST /containers/\(name)/start": [.status(204)],
            "POST /containers/\(name)/stop": [.status(204)],
            "POST /containers/\(name)/restart": [.status(204)],
            "DELETE /containers/\(name)": [.status(204)],
        ]
    }

    /// A command run with `exec` in container `name` (Kolla's `kolla_set_configs --check`) exits `code`.
    public static func exec(in name: String, exitCode code: Int = 0) -> Routes {
        [
            "POST /containers/\(name)/exec": [.json(201, #"{"Id":"exec-\#(name)"}"#)],
            "POST /exec/exec-\(name)/start": [.bytes(200, [])],
            "GET /exec/exec-\(name)/json": [.json(#"{"ExitCode":\#(code),"Running":false}"#)],
        ]
    }
}

extension Dictionary where Key == String {
    /// `self` with `other`'s entries added (`other` wins): route tables combined.
    public func merging(_ other: [String: Value]) -> [String: Value] { merging(other) { _, new in new } }
}
