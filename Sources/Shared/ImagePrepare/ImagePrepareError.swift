/// Why a ContainerImagePrepare evaluation stops. Each case carries the operator sentence; where
/// tripleo-common raises an exception with a message, the sentence is tripleo-common's.
public enum ImagePrepareError: Error, Equatable, CustomStringConvertible {
    /// The environment, an entry or the roles data has a value of the wrong shape
    /// (`ContainerImagePrepare[1].includes: expected a list of strings`).
    case invalidInput(String)
    /// An `includes`/`excludes` pattern outside the supported regular-expression subset.
    case invalidPattern(String)
    /// An image map (built-in or the user's file) that cannot be used.
    case invalidMap(String)
    /// Tag discovery or label filtering needs a registry and none is configured.
    case registryAccessRequired(String)
    /// Tag discovery failed for an image (tripleo-common's `ImageUploaderException` wording).
    case tagDiscovery(String)
    /// The registry has no such image or tag (`Not found image: docker://…`).
    case imageNotFound(String)

    /// The operator sentence.
    public var description: String {
        switch self {
        case .invalidInput(let m), .invalidPattern(let m), .invalidMap(let m), .registryAccessRequired(let m),
            .tagDiscovery(let m), .imageNotFound(let m):
            m
        }
    }
}
