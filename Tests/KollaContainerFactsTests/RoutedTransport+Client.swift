import DockerEngine
import EngineTesting
import JSON

extension RoutedTransport {
    /// A client over this transport at API 1.41.
    var client: EngineClient { EngineClient(transport: self, apiVersion: .newestSupported) }
}

/// Rendering helper for route bodies.
func json(_ value: JSONValue) -> String { JSONWriter().write(value) }
