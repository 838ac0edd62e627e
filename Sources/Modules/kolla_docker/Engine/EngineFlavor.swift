import DockerEngine
import Platform

/// Which daemon answers: Docker, or Podman's Docker-compatible service. Podman 4.3 accepts the
/// same create request but reports several settings differently in inspect, so reading the inspect
/// (`PodmanInspect.dockerView`) and the engine mapping of the create request (`CreateRequest`) need to know.
enum EngineFlavor: Sendable, Equatable {
    case docker
    case podman

    /// From the daemon's `GET /version` (Podman lists a "Podman Engine" component): the reply the
    /// connection negotiated with, else asked now. The daemon decides, not `container_engine`,
    /// because `docker_host` may point at either.
    static func detect(_ engine: EngineClient) throws(EngineError) -> EngineFlavor {
        if let server = engine.server { return server.isPodman ? .podman : .docker }
        return try engine.version().isPodman ? .podman : .docker
    }
}

/// Namespaces of a running container compared with this process's, read from `/proc`. Podman 4.3
/// reports `IpcMode: shareable` even for a container in the host's IPC namespace; the namespace
/// itself tells. Only meaningful when the daemon runs on this host (a unix socket).
enum HostNamespaces {
    /// Whether process `pid` shares this process's namespace of `kind` (`ipc`, `pid`, `cgroup`);
    /// `nil` when it cannot be told (no such process, no permission).
    static func shared(pid: Int, kind: String) -> Bool? {
        guard pid > 0,
            let theirs = try? Files.readLink("/proc/\(pid)/ns/\(kind)"),
            let ours = try? Files.readLink("/proc/self/ns/\(kind)")
        else { return nil }
        return theirs == ours
    }
}
