import Platform

/// The inputs of the merge modules: target-side `sources` (unreadable or missing ones skipped,
/// as Kolla does) followed by controller-rendered `contents`.
public enum SourceTexts {
    /// One input text and how to name it in an error.
    public struct Source: Sendable {
        public var name: String
        public var text: String

        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// Reads `sources` then appends `contents`, in order.
    /// - Throws: `ModuleFailure` when a readable source is not UTF-8 text or cannot be read.
    public static func collect(_ params: Params, on host: Host) throws -> [Source] {
        var out: [Source] = []
        for path in params.strings("sources") where host.files.isReadable(path) {
            if try host.files.status(path)?.kind == .directory { throw ModuleFailure("sources: \(path) is a directory") }
            guard let bytes = try host.files.read(path) else { continue }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw ModuleFailure("sources: \(path) is not UTF-8 text")
            }
            out.append(Source(name: "sources: \(path)", text: text))
        }
        for (index, text) in params.strings("contents").enumerated() {
            out.append(Source(name: "contents[\(index)]", text: text))
        }
        return out
    }
}
