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
            let fields = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            if fields.count == 1 {
                guard entry.hasPrefix("/") else { throw Self.malformed(entry, option, "an anonymous volume needs an absolute container path") }
                containerPaths.append(entry)
                continue
            }
            guard fields.count <= 3, !fields.contains(where: \.isEmpty) else {
                throw Self.malformed(entry, option, "expected SOURCE:CONTAINER_PATH[:MODE]")
            }
            let source = fields[0]
            let destination = fields[1]
            guard destination.hasPrefix("/") else {
                throw Self.malformed(entry, option, "the container path '\(destination)' must be absolute")
            }
            let mode = fields.count == 3 ? fields[2] : "rw"
            binds.append("\(source):\(destination):\(mode)")
            containerPaths.append(destination)
            if !source.contains("/"), !named.contains(source) { named.append(source) }
        }
    }

    private static func malformed(_ entry: String, _ option: String, _ why: String) -> ModuleFailure {
        ModuleFailure("\(option): malformed volume '\(entry)': \(why)")
    }
}
