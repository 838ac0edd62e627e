import HTTP
import JSON

extension EngineClient {
    /// `GET /volumes`: every volume.
    /// - Throws: `EngineError`.
    public func volumes() throws(EngineError) -> [VolumeInspect] {
        let reply = try json(request(.get, "/volumes"))
        guard let object = reply.objectValue else { throw .malformedReply("GET /volumes is not an object") }
        return (object["Volumes"]?.arrayValue ?? []).map(VolumeInspect.init(raw:))
    }

    /// `GET /volumes/{name}`, or `nil` when there is no such volume.
    /// - Throws: `EngineError` for anything but 404.
    public func volume(named name: String) throws(EngineError) -> VolumeInspect? {
        try jsonIfPresent(request(.get, "/volumes/\(PercentEncoding.pathSegment(name))"), about: .volume, named: name)
            .map(VolumeInspect.init(raw:))
    }

    /// `POST /volumes/create` (`{"Name","Driver","DriverOpts","Labels"}`); an existing volume of
    /// the same name and driver is returned as it is, as Docker does.
    /// - Parameters:
    ///   - name: the volume name.
    ///   - driver: the volume driver (default `local`).
    ///   - options: driver options.
    ///   - labels: labels (Kolla: `["kolla_managed": "true"]`).
    /// - Returns: the volume.
    /// - Throws: `EngineError`.
    @discardableResult
    public func createVolume(
        named name: String, driver: String = "local", options: [String: String] = [:], labels: [String: String] = [:]
    ) throws(EngineError) -> VolumeInspect {
        let body: JSONValue = [
            "Name": .string(name), "Driver": .string(driver),
            "DriverOpts": Self.sortedObject(options), "Labels": Self.sortedObject(labels),
        ]
        return try VolumeInspect(raw: json(request(.post, "/volumes/create", json: body), about: .volume, named: name))
    }

    /// `DELETE /volumes/{name}?force=`.
    /// - Throws: `.notFound` when there is no such volume, `.conflict` when a container uses it.
    public func removeVolume(_ name: String, force: Bool = false) throws(EngineError) {
        _ = try expectSuccess(
            request(.delete, "/volumes/\(PercentEncoding.pathSegment(name))", query: ["force": force ? "1" : "0"]),
            about: .volume, named: name)
    }

    /// A JSON object of `map`, keys sorted (so request bodies are reproducible).
    static func sortedObject(_ map: [String: String]) -> JSONValue {
        .object(JSONObject(map.keys.sorted().map { ($0, JSONValue.string(map[$0] ?? "")) }))
    }
}
