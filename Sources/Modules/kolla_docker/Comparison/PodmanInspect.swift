/// How Podman 4.3's Docker-compatible inspect reports what our create request asked for, and the
/// normal forms the comparison puts both sides in so an unchanged container compares equal
/// (measured against Podman 4.3.1; Kolla's Podman worker does much the same, see the reference
/// §1.9). Docker's inspect needs none of this, except the capability and ulimit spellings
/// (`Capability`, `Ulimit`), which are normalised for both engines.
///
/// What Podman reports differently: `Config.Image` with a `localhost/` prefix for local images;
/// no `Config.Volumes` (every mount, anonymous volumes too, is in `HostConfig.Binds`); binds with
/// the source's trailing `/` dropped and flags added (`rprivate,rbind`, and `nosuid,nodev` for
/// named volumes; `z`/`Z` not reported back); tmpfs options with `rw,rprivate,nosuid,nodev,tmpcopyup`
/// added; `CapAdd`/`CapDrop` relative to Docker's default capability set; ulimits named
/// `RLIMIT_NOFILE`, with `nofile`/`nproc` defaults added once any ulimit is set; `IpcMode` always
/// `shareable` (even for the host's IPC namespace); `CgroupnsMode` always `""` (the compatible
/// API ignores it on create).
enum PodmanInspect {
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
        let source = path(fields[0]), destination = path(fields[1])
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
