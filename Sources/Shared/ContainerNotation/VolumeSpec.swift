/// A `volumes` entry as the engines take it: `SOURCE:DEST[:MODE]` (a bind, or a named volume when
/// the source has no `/`), or a lone absolute `DEST` (an anonymous volume). Split here once for
/// kolla_docker, tripleo_container_manage, puppet_config and the config hash; each module words
/// its own message for a ``Problem``.
public enum VolumeSpec: Sendable, Equatable {
    /// A lone container path.
    case anonymous(destination: String)
    /// `source:destination[:mode]`; `mode` `nil` when not given.
    case bind(source: String, destination: String, mode: String?)

    /// Why an entry is not a volume.
    public enum Problem: Error, Equatable {
        /// A lone path that is not absolute.
        case relativeAnonymous
        /// More than three fields, or an empty one.
        case malformed
        /// The container path (the payload) is not absolute.
        case relativeDestination(String)
    }

    /// Parses a non-empty entry.
    /// - Throws: ``Problem``.
    public init(parsing entry: String) throws(Problem) {
        let fields = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if fields.count == 1 {
            guard entry.hasPrefix("/") else { throw .relativeAnonymous }
            self = .anonymous(destination: entry)
            return
        }
        guard fields.count <= 3, !fields.contains(where: \.isEmpty) else { throw .malformed }
        guard fields[1].hasPrefix("/") else { throw .relativeDestination(fields[1]) }
        self = .bind(source: fields[0], destination: fields[1], mode: fields.count == 3 ? fields[2] : nil)
    }

    /// The container path.
    public var destination: String {
        switch self {
        case .anonymous(let destination), .bind(_, let destination, _): destination
        }
    }

    /// The text before the first `:` (the whole entry when there is none), for readers that only
    /// look at a bind's source and pass over anything else (`/a:/b:ro` → `/a`).
    public static func source(of entry: String) -> String {
        String(entry.prefix { $0 != ":" })
    }
}
