/// Why an entry cannot go into a ustar archive.
public enum TarError: Error, Equatable, CustomStringConvertible {
    /// Empty, absolute, containing `..` or NUL.
    case badPath(String)
    /// No split into a 155-byte prefix and a 100-byte name exists.
    case pathTooLong(String)
    /// A symlink target over 100 bytes.
    case linkTooLong(path: String, target: String)
    /// A file larger than the 8 GiB ustar size field holds.
    case fileTooLarge(String)

    public var description: String {
        switch self {
        case .badPath(let path): return "cannot archive '\(path)': paths must be relative, non-empty, without '..'"
        case .pathTooLong(let path): return "cannot archive '\(path)': the path is too long for a ustar archive"
        case .linkTooLong(let path, let target): return "cannot archive symlink '\(path)' → '\(target)': the target is over 100 bytes"
        case .fileTooLarge(let path): return "cannot archive '\(path)': larger than 8 GiB"
        }
    }
}
