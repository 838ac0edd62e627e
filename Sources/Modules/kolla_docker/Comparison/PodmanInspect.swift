import ContainerNotation
import JSON

/// How Podman 4.3's Docker-compatible inspect reports what our create request asked for, and the
/// one place that turns it into the Docker-shaped view the comparison rules read (`dockerView`),
/// when the container's inspect is read (measured against Podman 4.3.1; Kolla's Podman worker
/// does much the same, see the reference §1.9). Where a Podman value means what the spec asks
/// for, the view spells it as the request did; otherwise it holds the value in normal form. The
/// capability and ulimit spellings (`Capability`, `Ulimit`) are normalised by the rules, for both
/// engines.
///
/// What Podman reports differently: `Config.Image` with a `localhost/` prefix for local images;
/// no `Config.Volumes` (every mount, anonymous volumes too, is in `HostConfig.Binds`); binds with
/// the source's trailing `/` dropped and flags added (`rprivate,rbind`, and `nosuid,nodev` for
/// named volumes; `z`/`Z` not reported back); tmpfs options with `rw,rprivate,nosuid,nodev,tmpcopyup`
/// added; `CapAdd`/`CapDrop` relative to Docker's default capability set; ulimits named
/// `RLIMIT_NOFILE`, with `nofile`/`nproc` defaults added once any ulimit is set; `IpcMode` always
/// `shareable` (even for the host's IPC namespace); `PidMode` `private` for the default; `CgroupnsMode` always `""` (the compatible
/// API ignores it on create).
enum PodmanInspect {
    /// The comparison as it reads a container Podman reports: `container` and `containerImage`
    /// replaced by their Docker-shaped views, and the capabilities our Podman request asks for.
    /// `sharesHostIPC`: whether the running container is in the host's IPC namespace (`nil`: unknown).
    static func dockerView(_ comparison: ContainerComparison, sharesHostIPC: Bool?) -> ContainerComparison {
        let spec = comparison.spec
        var view = ContainerComparison(
            spec: spec, container: dockerView(comparison.container, spec: spec, sharesHostIPC: sharesHostIPC),
            containerImage: comparison.containerImage.map { imageView($0, spec: spec) }, desiredImageID: comparison.desiredImageID)
        view.requestedCapAdd =
            spec.privileged
            ? spec.capAdd : CreateRequest.capAdd(spec, flavor: .podman).map(Capability.name).sorted()
        return view
    }

    /// A container's Podman inspect in Docker's shape, for `spec`.
    static func dockerView(_ inspect: JSONValue, spec: ContainerSpec, sharesHostIPC: Bool?) -> JSONValue {
        guard var top = inspect.objectValue else { return inspect }
        var host = top["HostConfig"]?.objectValue ?? JSONObject()
        var config = top["Config"]?.objectValue ?? JSONObject()
        if let image = config["Image"]?.stringValue { config["Image"] = .string(imageName(image, as: spec.image)) }
        if let mode = host["CgroupnsMode"] ?? host["CgroupMode"], (mode.stringValue ?? "").isEmpty {
            // Neither applied nor reported by the compatible API: nothing to compare.
            host["CgroupnsMode"] = nil
            host["CgroupMode"] = nil
        }
        if host["PidMode"]?.stringValue == "private" { host["PidMode"] = "" }  // Docker's default
        if let desired = spec.ipcMode, host["IpcMode"]?.stringValue == "shareable" {
            // Reported for every container: the namespace decides; private and shareable are one mode here.
            let actual = sharesHostIPC.map { $0 ? "host" : "private" } ?? desired  // unknown: cannot tell
            host["IpcMode"] = .string(desired == "shareable" && actual == "private" ? desired : actual)
        }
        host["CapAdd"] = .array(capAdd(host, spec: spec).map { .string($0) })
        if let tmpfs = host["Tmpfs"]?.objectValue {
            host["Tmpfs"] = .object(
                JSONObject(
                    tmpfs.map { path, value in
                        let current = tmpfsOptions(value.stringValue ?? "")
                        let desired = spec.tmpfs[path]
                        return (path, .string(desired.map(tmpfsOptions) == current ? desired ?? "" : current))
                    }))
        }
        if case .array(let list)? = host["Ulimits"] {
            host["Ulimits"] = .array(
                list.filter { item in
                    guard let name = item.at("Name")?.stringValue.map(Ulimit.name) else { return true }
                    return !defaultUlimits.contains(name) || requestedUlimits(spec).contains(name)
                })
        }
        let (binds, paths) = volumes(host["Binds"]?.strings ?? [], config["Volumes"]?.objectValue?.keys ?? [], spec: spec)
        host["Binds"] = .array(binds.map { .string($0) })
        config["Volumes"] = paths.isEmpty ? .null : .object(JSONObject(paths.map { ($0, .object(JSONObject())) }))
        top["HostConfig"] = .object(host)
        top["Config"] = .object(config)
        return .object(top)
    }

    /// The container's image inspect with its `VOLUME`s spelled as the spec spells them.
    static func imageView(_ inspect: JSONValue, spec: ContainerSpec) -> JSONValue {
        guard var top = inspect.objectValue, var config = top["Config"]?.objectValue,
            let declared = config["Volumes"]?.objectValue
        else { return inspect }
        let spelling = pathSpelling(spec)
        config["Volumes"] = .object(JSONObject(declared.keys.map { (spelling[path($0)] ?? path($0), .object(JSONObject())) }))
        top["Config"] = .object(config)
        return .object(top)
    }

    /// Capabilities as Docker would list them: Podman lists `CapAdd`/`CapDrop` relative to Docker's
    /// default set, so a requested default capability counts as present unless dropped; a privileged
    /// container has every capability (the request's list, then).
    private static func capAdd(_ host: JSONObject, spec: ContainerSpec) -> [String] {
        if spec.privileged { return spec.capAdd }
        let current = Set((host["CapAdd"]?.strings ?? []).map(Capability.name))
        let dropped = Set((host["CapDrop"]?.strings ?? []).map(Capability.name))
        let requested = CreateRequest.capAdd(spec, flavor: .podman).map(Capability.name)
        return current.union(requested.filter { Capability.dockerDefaults.contains($0) && !dropped.contains($0) }).sorted()
    }

    private static func requestedUlimits(_ spec: ContainerSpec) -> Set<String> {
        Set((spec.dimensions.hostConfig["Ulimits"]?.arrayValue ?? []).compactMap { $0.at("Name")?.stringValue.map(Ulimit.name) })
    }

    /// Binds and volume paths as Docker reports them: Podman has no `Config.Volumes` (every mount
    /// is a bind, anonymous volumes under 64-hex-digit names, which are not binds in Docker unless
    /// the spec names them); each in normal form, or the spec's spelling of the same.
    private static func volumes(_ podmanBinds: [String], _ podmanPaths: [String], spec: ContainerSpec) -> ([String], [String]) {
        let named = Set(spec.volumes.binds.map(source))
        var binds = podmanBinds
        var paths = Set(podmanPaths).union(binds.compactMap(destination))
        binds.removeAll { isAnonymousVolume(source($0)) && !named.contains(source($0)) }
        let bindSpelling = Dictionary(spec.volumes.binds.map { (bind($0), $0) }, uniquingKeysWith: { first, _ in first })
        let pathSpelling = pathSpelling(spec)
        paths = Set(paths.map { pathSpelling[path($0)] ?? path($0) })
        return (binds.map { bindSpelling[bind($0)] ?? bind($0) }, paths.sorted())
    }

    private static func pathSpelling(_ spec: ContainerSpec) -> [String: String] {
        Dictionary(spec.volumes.containerPaths.map { (path($0), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The image name as Docker would report it: the spec's spelling when only Podman's `localhost/` differs.
    static func imageName(_ current: String, as desired: String?) -> String {
        guard let desired, ImageName.kolla(imageName(current)) == ImageName.kolla(imageName(desired)) else { return current }
        return desired
    }

    /// Flags Podman adds to binds by itself. `z`/`Z` (SELinux relabel requests) are not reported back.
    static let defaultBindFlags: Set<String> = ["rprivate", "rbind", "nosuid", "nodev", "z", "Z"]
    /// Paths (source or container) under which Podman may add `noexec` (newer releases; Kolla strips it there too).
    static let noexecPaths = ["/proc", "/run", "/sys", "/var/run"]
    /// Options Podman adds to every tmpfs.
    static let defaultTmpfsFlags: Set<String> = ["rw", "rprivate", "nosuid", "nodev", "tmpcopyup"]
    /// Ulimits Podman sets by itself (to 1048576, or the hard limit) once any ulimit is given.
    static let defaultUlimits: Set<String> = ["nofile", "nproc"]

    /// `SOURCE:DEST:FLAGS` in normal form: no trailing `/` on either path, the flags Podman adds
    /// removed, `rw` when neither `ro` nor `rw` is left, flags sorted.
    static func bind(_ text: String) -> String {
        let fields = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 2 else { return text }
        let source = path(fields[0])
        let destination = path(fields[1])
        let noexecDefault = [source, destination].contains { p in noexecPaths.contains { p == $0 || p.hasPrefix($0 + "/") } }
        var flags = Set((fields.count > 2 ? fields[2] : "").split(separator: ",").map(String.init))
        flags.subtract(defaultBindFlags)
        if noexecDefault { flags.remove("noexec") }
        if !flags.contains("ro") && !flags.contains("rw") { flags.insert("rw") }
        return "\(source):\(destination):\(flags.sorted().joined(separator: ","))"
    }

    /// The source of a `SOURCE:DEST[:FLAGS]` bind.
    static func source(_ bind: String) -> String {
        String(bind.prefix { $0 != ":" })
    }

    /// The container path of a `SOURCE:DEST[:FLAGS]` bind.
    static func destination(_ bind: String) -> String? {
        bind.split(separator: ":", omittingEmptySubsequences: false).dropFirst().first.map(String.init)
    }

    /// A path without its trailing `/` (`/` itself stays).
    static func path(_ p: String) -> String {
        var p = Substring(p)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        return String(p)
    }

    /// Whether a bind source is an anonymous volume (Podman reports those as 64-hex-digit names).
    static func isAnonymousVolume(_ source: String) -> Bool {
        source.utf8.count == 64 && source.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Tmpfs options in normal form: the ones Podman adds removed, sorted.
    static func tmpfsOptions(_ options: String) -> String {
        Set(options.split(separator: ",").map(String.init)).subtracting(defaultTmpfsFlags).sorted().joined(separator: ",")
    }

    /// An image name without the `localhost/` Podman puts before local (imported, loaded, built) images.
    static func imageName(_ name: String) -> String {
        name.hasPrefix("localhost/") ? String(name.dropFirst("localhost/".count)) : name
    }
}

/// Capability names in one spelling: `net_admin`, `NET_ADMIN` and `CAP_NET_ADMIN` are the same
/// (Docker and Podman store what they were given, or their own spelling).
enum Capability {
    static func name(_ text: String) -> String {
        let upper = text.uppercased()
        return upper.hasPrefix("CAP_") ? String(upper.dropFirst(4)) : upper
    }

    /// Docker's default capability set. Podman's inspect reports `CapAdd` and `CapDrop` relative to it.
    static let dockerDefaults: Set<String> = [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ]
}

/// Ulimit names in one spelling: Docker's `nofile`, Podman's `RLIMIT_NOFILE`.
enum Ulimit {
    static func name(_ text: String) -> String {
        let lower = text.lowercased()
        return lower.hasPrefix("rlimit_") ? String(lower.dropFirst(7)) : lower
    }
}
