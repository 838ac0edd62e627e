import ContainerNotation
import ModuleKit

/// The `volumes` option parsed the way Docker needs it: binds (`src:dst:mode`), container paths
/// (`Config.Volumes`) and the named volumes to create first.
///
/// Differences from Kolla (documented in the sidecar): a malformed entry (relative container
/// path, empty field, more than three fields) fails with its text instead of crashing or being
/// cut; two binds of the same host path are both kept (Kolla keeps only the last).
struct Volumes: Equatable {
    /// `src:dst:mode` strings, as Docker reports them back in `HostConfig.Binds`.
    var binds: [String] = []
    /// Every container path, bind or anonymous.
    var containerPaths: [String] = []
    /// Sources without `/`: named volumes.
    var named: [String] = []

    init(_ entries: [String], option: String = "volumes") throws(ModuleFailure) {
        for entry in entries where !entry.isEmpty {
            let volume: VolumeSpec
            do {
                volume = try VolumeSpec(parsing: entry)
            } catch {
                switch error {
                case .relativeAnonymous: throw Self.malformed(entry, option, "an anonymous volume needs an absolute container path")
                case .malformed: throw Self.malformed(entry, option, "expected SOURCE:CONTAINER_PATH[:MODE]")
                case .relativeDestination(let destination):
                    throw Self.malformed(entry, option, "the container path '\(destination)' must be absolute")
                }
            }
            guard case .bind(let source, let destination, let mode) = volume else {
                containerPaths.append(volume.destination)
                continue
            }
            binds.append("\(source):\(destination):\(mode ?? "rw")")
            containerPaths.append(destination)
            if !source.contains("/"), !named.contains(source) { named.append(source) }
        }
    }

    private static func malformed(_ entry: String, _ option: String, _ why: String) -> ModuleFailure {
        ModuleFailure("\(option): malformed volume '\(entry)': \(why)")
    }
}
