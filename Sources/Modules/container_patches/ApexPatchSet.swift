import ModifyImage
import ModuleKit
import Platform
import Tar

/// The Apex container patch pipeline (reference §5.2): which images each patch goes into, one
/// Dockerfile per image, and the `docker_patches.tar.gz` archive of `containers/<service>/…`.
struct ApexPatchSet: Sendable, Equatable {
    /// A service image to rebuild and what goes into it.
    struct Service: Sendable, Equatable {
        /// The short name without the prefix (`nova-api`).
        var name: String
        /// The image to start from (`127.0.0.1:5200/tripleomaster/centos-binary-nova-api:current-tripleo`).
        var image: String
        /// The patches in order, with the directory each applies in.
        var patches: [(patch: ApexPatch, path: String)]

        static func == (lhs: Service, rhs: Service) -> Bool {
            lhs.name == rhs.name && lhs.image == rhs.image
                && lhs.patches.elementsEqual(rhs.patches) { $0.patch == $1.patch && $0.path == $1.path }
        }
    }

    /// Services by name, sorted.
    var services: [Service]
    /// Patches that are not container patches, with their host path.
    var hostPatches: [(patch: ApexPatch, path: String)]

    static func == (lhs: ApexPatchSet, rhs: ApexPatchSet) -> Bool {
        lhs.services == rhs.services && lhs.hostPatches.elementsEqual(rhs.hostPatches) { $0.patch == $1.patch && $0.path == $1.path }
    }

    /// Maps `patches` onto `images`.
    /// - Parameters:
    ///   - images: the registry catalog or the prepared image list: repositories or references
    ///     (`tripleomaster/centos-binary-nova-api`, `127.0.0.1:5200/x/centos-binary-nova-api:tag`).
    ///   - registry: the registry host for images given without one (catalog repositories).
    ///   - prefix: the image name prefix (`centos-binary-`).
    ///   - tag: the tag for images given without one.
    ///   - pythonPath: where python patches apply.
    /// - Throws: `ModuleFailure` when a python patch matches no image (Apex: "Unable to find
    ///   docker services for python project in patch").
    static func map(
        _ patches: [ApexPatch], images: [String], registry: String?, prefix: String, tag: String, pythonPath: String
    ) throws -> ApexPatchSet {
        var services: [String: Service] = [:]
        var hostPatches: [(ApexPatch, String)] = []
        for (index, patch) in patches.enumerated() {
            switch PatchTarget.of(patch, pythonPath: pythonPath) {
            case .host(let path):
                hostPatches.append((patch, path))
            case .container(let path):
                let project = Paths.lastComponent(patch.shortProject)
                let matches = images.compactMap { image -> (String, String)? in
                    guard let name = serviceName(of: image, prefix: prefix, project: project) else { return nil }
                    return (name, reference(image, registry: registry, tag: tag))
                }
                guard !matches.isEmpty else {
                    throw ModuleFailure(
                        "patches[\(index)]: no image in images is named \(prefix)\(project) or \(prefix)\(project)-* (unable to find the service images for python project \(patch.project))"
                    )
                }
                for (name, image) in matches {
                    services[name, default: Service(name: name, image: image, patches: [])].patches.append((patch, path))
                }
            }
        }
        return ApexPatchSet(services: services.keys.sorted().compactMap { services[$0] }, hostPatches: hostPatches)
    }

    /// `image` with `registry/` in front when it names no registry, and `:tag` when it has no tag or digest.
    static func reference(_ image: String, registry: String?, tag: String) -> String {
        var result = image
        if let registry, !registry.isEmpty, ImageTag.registry(of: image) != Paths.firstComponent(image) {
            result = registry + "/" + image
        }
        if !result.contains("@") && ImageTag.split(result).tag == nil { result += ":" + tag }
        return result
    }

    /// The service name of `image` when its last path part is `<prefix><project>` or
    /// `<prefix><project>-…` (Apex matched any name starting with `<prefix><project>`, so a
    /// `nova` patch also went into `novajoin-*`; here only whole name parts match).
    static func serviceName(of image: String, prefix: String, project: String) -> String? {
        let repository = ImageTag.split(image.split(separator: "@").first.map(String.init) ?? image).repository
        let last = Paths.lastComponent(repository)
        guard last.hasPrefix(prefix + project) else { return nil }
        let name = String(last.dropFirst(prefix.count))
        return name == project || name.hasPrefix(project + "-") ? name : nil
    }

    /// The Dockerfile of a service: `FROM`, root for the work, each patch copied and applied with
    /// `patch -p1` (a patch that does not apply fails the build), the image's user restored from
    /// the `REAL_USER` build arg (`modify_image` passes the source image's user). Every line ends
    /// with a newline (Apex glued a second patch onto the previous last line).
    static func dockerfile(for service: Service) -> String {
        var lines = [
            "FROM \(service.image)",
            "USER root",
            "ARG REAL_USER",
            "RUN command -v patch >/dev/null 2>&1 || { if command -v dnf >/dev/null 2>&1; then dnf -y install patch; elif command -v yum >/dev/null 2>&1; then yum -y install patch; else apt-get update && apt-get install -y --no-install-recommends patch; fi; }",
        ]
        for (patch, path) in service.patches {
            lines.append("COPY \(patch.changeID).patch /tmp/apex-patches/")
            lines.append(
                "RUN cd \(Planner.shellQuoted(path)) && patch -p1 --forward --batch --no-backup-if-mismatch < /tmp/apex-patches/\(patch.changeID).patch"
            )
        }
        lines.append("RUN rm -rf /tmp/apex-patches")
        lines.append("USER \"${REAL_USER}\"")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every file of the `containers/` tree, by path relative to its parent, in archive order.
    func files() -> [(path: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = []
        for service in services {
            files.append(("containers/\(service.name)/Dockerfile", Array(Self.dockerfile(for: service).utf8)))
            for (patch, _) in service.patches {
                files.append(("containers/\(service.name)/\(patch.changeID).patch", Array(patch.diff.utf8)))
            }
        }
        return files
    }

    /// `docker_patches.tar.gz`: the `containers/` tree as a gzip'd tar (byte-identical for equal input).
    func archive() throws -> [UInt8] {
        var writer = TarWriter()
        do {
            try writer.addDirectory("containers")
            var seen = Set<String>()
            for (path, bytes) in files() {
                let directory = Paths.split(path).directory
                if seen.insert(directory).inserted { try writer.addDirectory(directory) }
                try writer.addFile(path, contents: bytes)
            }
        } catch {
            throw ModuleFailure("patches: \(error.description)")
        }
        return Gzip.stored(writer.finish())
    }
}

extension Paths {
    /// The part before the first `/`.
    static func firstComponent(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).first.map(String.init) ?? path
    }

    /// The part after the last `/` (the whole string when there is none).
    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    }
}
