/// The parameters of `POST /build` this client sends (the classic builder's query string).
public struct BuildOptions: Sendable, Equatable {
    /// The name:tag of the result (`t`).
    public var tag: String
    /// The Dockerfile's path inside the context (`dockerfile`).
    public var dockerfile: String
    /// `ARG` values (`buildargs`).
    public var buildArgs: [String: String]
    /// Labels added to the result (`labels`).
    public var labels: [String: String]
    /// The network of `RUN` steps (`networkmode`): `host` as tripleo-modify-image builds, `nil` for the default.
    public var networkMode: String?
    /// Build without the layer cache (`nocache`).
    public var noCache: Bool
    /// Pull a newer `FROM` image even when one is local (`pull`).
    public var pull: Bool

    /// - Parameters:
    ///   - tag: the result's name:tag.
    ///   - dockerfile: the Dockerfile inside the context (default `Dockerfile`).
    ///   - buildArgs: `ARG` values.
    ///   - labels: labels for the result.
    ///   - networkMode: network of `RUN` steps (default `host`).
    ///   - noCache: ignore the layer cache.
    ///   - pull: always pull the `FROM` image.
    public init(
        tag: String, dockerfile: String = "Dockerfile", buildArgs: [String: String] = [:], labels: [String: String] = [:],
        networkMode: String? = "host", noCache: Bool = false, pull: Bool = false
    ) {
        self.tag = tag
        self.dockerfile = dockerfile
        self.buildArgs = buildArgs
        self.labels = labels
        self.networkMode = networkMode
        self.noCache = noCache
        self.pull = pull
    }
}

/// What a build reported.
public struct BuildResult: Sendable, Equatable {
    /// The new image's id (`aux.ID`, else the `Successfully built <id>` line), when the daemon said.
    public var imageID: String?
    /// The build output (`stream` texts) line by line, without trailing newlines.
    public var output: [String]

    /// - Parameters:
    ///   - imageID: the image id.
    ///   - output: the output lines.
    public init(imageID: String? = nil, output: [String] = []) {
        self.imageID = imageID
        self.output = output
    }
}
