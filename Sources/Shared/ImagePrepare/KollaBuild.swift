/// The `kolla-build` command line for a prepared image list, assembled as tripleo-common 18.0.0's
/// `KollaImageBuilder.build_images` does (which then runs it; this only builds the argv).
///
/// Only images whose `image_source` is `kolla` are built (an image without one is skipped, as
/// upstream). Each becomes the full-match regex `^<name>$` of its bare name (``regex(for:)``),
/// in the order of the images sorted by `imagename`.
public struct KollaBuild: Sendable, Equatable {
    /// One image of the list (a `container_images` item of a prepare run).
    public struct Image: Sendable, Equatable {
        /// `imagename` (`docker.io/t/centos-binary-nova-compute:liberty`); `nil` when the item has none.
        public var imagename: String?
        /// `image_source` (`kolla`, `tripleo`, `ceph`, …); `nil` when the item has none.
        public var imageSource: String?

        /// An image.
        public init(imagename: String?, imageSource: String?) {
            self.imagename = imagename
            self.imageSource = imageSource
        }
    }

    /// What kolla-build is asked to do.
    public enum Mode: Sendable, Equatable {
        /// Build the images.
        case build
        /// Only render the Dockerfiles into `workDir` (`--template-only --work-dir`), then list the
        /// dependencies (a second command with `--list-dependencies`).
        case templateOnly(workDir: String)
    }

    /// Kolla config files, each passed as `--config-file F`.
    public var configFiles: [String]
    /// Bare image names (as ``regex(for:)`` gives them) not to build; compared exactly, not as regexes.
    public var excludes: [String]
    /// Build, or render templates only.
    public var mode: Mode

    /// A command builder.
    /// - Parameters:
    ///   - configFiles: kolla config files (default none: `kolla-build` reads its own default).
    ///   - excludes: bare names to leave out (default none).
    ///   - mode: ``Mode/build`` (default) or ``Mode/templateOnly(workDir:)``.
    public init(configFiles: [String] = [], excludes: [String] = [], mode: Mode = .build) {
        self.configFiles = configFiles
        self.excludes = excludes
        self.mode = mode
    }

    /// `imagename_to_regex`: the bare image name kolla-build knows. Drops the namespace (up to the
    /// last `/`), the tag (from the first `:`), then one leading `centos-`/`rhel-` and then one
    /// leading `binary-`/`source-`/`rdo-`/`rhos-`: `tripleo/centos-binary-foo:current-tripleo` → `foo`.
    /// - Returns: `nil` for `nil` or an empty name; may be empty (`centos-binary-`).
    public static func regex(for imagename: String?) -> String? {
        guard let imagename, !imagename.isEmpty else { return nil }
        var scalars = Substring(imagename).unicodeScalars
        if let slash = scalars.lastIndex(of: "/") { scalars = scalars[scalars.index(after: slash)...] }
        if let colon = scalars.firstIndex(of: ":") { scalars = scalars[..<colon] }
        var name = String(Substring(scalars))
        name = dropFirstPrefix(of: ["centos-", "rhel-"], from: name)
        return dropFirstPrefix(of: ["binary-", "source-", "rdo-", "rhos-"], from: name)
    }

    /// The commands to run, in order: the build (or template) command, then, for
    /// ``Mode/templateOnly(workDir:)``, the dependency listing.
    public func commands(for images: [Image]) -> [[String]] {
        var command = ["kolla-build"]
        for file in configFiles { command += ["--config-file", file] }
        let sorted = images.sorted { ($0.imagename ?? "").unicodeScalars.lexicographicallyPrecedes(($1.imagename ?? "").unicodeScalars) }
        for image in sorted where image.imageSource == "kolla" {
            guard let name = Self.regex(for: image.imagename), !name.isEmpty, !excludes.contains(name) else { continue }
            command.append("^\(name)$")
        }
        switch mode {
        case .build:
            return [command]
        case .templateOnly(let workDir):
            return [command + ["--template-only", "--work-dir", workDir], command + ["--list-dependencies"]]
        }
    }

    private static func dropFirstPrefix(of prefixes: [String], from name: String) -> String {
        guard let prefix = prefixes.first(where: { name.unicodeScalars.starts(with: $0.unicodeScalars) }) else { return name }
        return String(Substring(name.unicodeScalars.dropFirst(prefix.unicodeScalars.count)))
    }
}
