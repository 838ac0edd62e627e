import JSON

/// The registry API's error body: `{"errors": [{"code": "MANIFEST_UNKNOWN", "message": "…"}]}`.
enum RegistryErrorBody {
    /// `CODE: message; …`, or a short prefix of a non-JSON body, or empty.
    static func summary(_ body: [UInt8]) -> String {
        guard !body.isEmpty else { return "" }
        if case .object(let object)? = try? JSONParser().parse(body), let errors = object["errors"]?.arrayValue {
            return errors.compactMap { $0.objectValue }.map { error in
                [error["code"]?.stringValue, error["message"]?.stringValue].compactMap { $0 }.joined(separator: ": ")
            }.joined(separator: "; ")
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
