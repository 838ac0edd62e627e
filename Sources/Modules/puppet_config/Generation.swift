import DockerEngine
import JSON
import ModuleKit
import Platform

/// One run of the config containers: the groups, each volume's outcome and its checksums before
/// and after (or, in check mode, its diff against the live tree).
struct Generation {
    var groups: [VolumeGroup] = []
    var outcomes: [VolumeOutcome] = []
    var before: [String: (String?, String?)] = [:]
    var after: [String: (String?, String?)] = [:]
    var diffs: [String: String] = [:]
    /// In check mode, the live trees' checksums (what the generated ones are compared with).
    var live: [String: (String?, String?)] = [:]
    var warnings: [String] = []
    var runPrefix = ""
    var scriptWritten = false

    static let nothing = Generation()

    /// The volumes generated (successfully) by this run.
    var generatedVolumes: Set<String> { Set(outcomes.filter(\.succeeded).map(\.volume)) }

    /// Groups, prepares the directories and the script, runs every volume on up to
    /// `process_count` threads and reads the checksums.
    static func run(_ args: Arguments, on host: Host) throws -> Generation {
        var generation = Generation()
        let grouped = VolumeGroup.group(args.items)
        generation.warnings = grouped.warnings
        generation.groups = grouped.groups
        if let only = args.configVolume {
            generation.groups = generation.groups.filter { $0.volume == only }
            if generation.groups.isEmpty { generation.warnings.append("config_volume: no entry has the config volume \(only)") }
        }
        guard !generation.groups.isEmpty else { return generation }

        let runPrefix = args.checkMode ? args.prefix + "/check-mode" : args.prefix
        generation.runPrefix = runPrefix
        let scriptPath = args.checkMode ? runPrefix + "/.container-puppet.sh" : args.scriptDir + "/container-puppet.sh"
        try prepareDirectories(args, runPrefix: runPrefix, groups: generation.groups)
        generation.scriptWritten = try EntrypointScript.install(at: scriptPath, files: host.files)

        for group in generation.groups {
            generation.before[group.volume] = checksums(prefix: runPrefix, volume: group.volume, files: host.files)
        }
        let settings = RunSettings(
            step: args.step, livePrefix: args.prefix, runPrefix: runPrefix, netHost: args.netHost, debug: args.debug,
            noArchive: args.noArchive, hostname: args.hostname, checkMode: args.checkMode, namePrefix: args.namePrefix,
            scriptHostPath: scriptPath)
        let engine: EngineClient
        do {
            engine = try EngineEndpoint.connect(host: args.dockerHost, engine: args.containerCLI)
        } catch {
            throw ModuleFailure(error.description, changed: generation.scriptWritten)
        }
        let runs = generation.groups.map { group in
            VolumeRun(
                engine: engine, container: ConfigContainer(group, settings: settings, exists: { (try? FileStatus.of($0)) != nil }),
                attempts: args.retries, keepFailed: args.keepFailed)
        }
        let slots = ResultSlots<VolumeOutcome>(count: runs.count)
        let volumes = generation.groups.map(\.volume)
        Concurrent.forEach(runs.count, width: args.processCount) { index in
            slots[index] = runs[index].run(volume: volumes[index])
        }
        generation.outcomes = volumes.indices.map { slots[$0] ?? VolumeOutcome(volume: volumes[$0], container: runs[$0].container.name) }
        for volume in volumes {
            generation.after[volume] = checksums(prefix: runPrefix, volume: volume, files: host.files)
            if args.checkMode {
                generation.live[volume] = checksums(prefix: args.prefix, volume: volume, files: host.files)
                generation.diffs[volume] = CheckModeDiff.read(volume: volume, livePrefix: args.prefix, runPrefix: runPrefix, files: host.files)
            }
        }
        return generation
    }

    /// Creates the run's root and `puppet-generated`; in check mode, clears what an earlier check
    /// left for these volumes, so the new tree is compared, not a mix.
    private static func prepareDirectories(_ args: Arguments, runPrefix: String, groups: [VolumeGroup]) throws {
        do {
            try Directories.createAll(runPrefix + "/puppet-generated", permissions: 0o755)
            if args.checkMode {
                for volume in groups.map(\.volume) {
                    for path in [
                        "\(runPrefix)/\(volume)", "\(runPrefix)/\(volume).md5sum", "\(runPrefix)/\(volume).diff",
                        "\(runPrefix)/puppet-generated/\(volume)", "\(runPrefix)/puppet-generated/\(volume).md5sum",
                    ] {
                        try Directories.removeTree(path)
                    }
                }
            }
        } catch {
            throw ModuleFailure("config_vol_prefix: cannot prepare \(runPrefix): \(error)")
        }
    }

    private static func checksums(prefix: String, volume: String, files: any FileSystem) -> (String?, String?) {
        let paths = ConfigPaths.checksumFiles(prefix: prefix, volume: volume)
        return (ConfigPaths.readChecksum(paths.configData, files: files), ConfigPaths.readChecksum(paths.generated, files: files))
    }
}
