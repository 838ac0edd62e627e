import JSON

/// What an image pull reported, read from its JSON progress lines.
public struct PullResult: Sendable, Equatable {
    /// The last `status` text (`Status: Downloaded newer image for x:y`, `Status: Image is up to date for x:y`).
    public var status: String?
    /// The digest from the `Digest: sha256:…` line, when the registry sent one.
    public var digest: String?
    /// How many progress lines arrived.
    public var lineCount: Int

    /// - Parameters:
    ///   - status: the last status text.
    ///   - digest: the pulled manifest digest.
    ///   - lineCount: number of progress lines.
    public init(status: String? = nil, digest: String? = nil, lineCount: Int = 0) {
        self.status = status
        self.digest = digest
        self.lineCount = lineCount
    }

    /// `true` when the daemon said the local image was already current.
    public var wasUpToDate: Bool { status?.hasPrefix("Status: Image is up to date") ?? false }

    /// Takes one progress line into account (error lines are the stream reader's concern).
    mutating func record(_ line: JSONValue) {
        lineCount += 1
        guard let text = line.at("status")?.stringValue else { return }
        if text.hasPrefix("Digest: ") { digest = String(text.dropFirst("Digest: ".count)) }
        if line.at("id") == nil { status = text }
    }
}
