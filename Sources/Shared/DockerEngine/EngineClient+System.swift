import HTTP
public import JSON

extension EngineClient {
    /// `GET /_ping`: whether the daemon answers (`OK`).
    /// - Throws: `EngineError.transport` when it cannot be reached, `.api` for an error status.
    public func ping() throws(EngineError) {
        _ = try expectSuccess(request(.get, "/_ping", versioned: false))
    }

    /// `GET /version` (unversioned, as version negotiation needs).
    /// - Throws: `EngineError`.
    public func version() throws(EngineError) -> EngineVersion {
        try EngineVersion(raw: json(request(.get, "/version", versioned: false)))
    }

    /// `GET /info`: the daemon's system information, as sent.
    /// - Throws: `EngineError`.
    public func info() throws(EngineError) -> JSONValue {
        try json(request(.get, "/info"))
    }
}
