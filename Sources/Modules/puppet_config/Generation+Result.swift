import JSON
import ModuleKit

extension Generation {
    /// The module result: per volume its status and checksums, the changed and failed volumes,
    /// the config hashes; a failure (after every volume ran) names the failed volumes.
    func result(args: Arguments, hashes: StartupConfigs.Outcome, host: Host) -> ModuleResult {
        var volumes = JSONObject()
        var changedVolumes: [String] = []
        var failedVolumes: [String] = []
        var reasons: [String] = []
        for (index, outcome) in outcomes.enumerated() {
            let volume = outcome.volume
            var entry: JSONObject = ["container": .string(outcome.container), "image": .string(groups[index].image)]
            entry["puppet_tags"] = .string(groups[index].puppetTags)
            entry["attempts"] = .int(outcome.attempts)
            if let rc = outcome.rc { entry["rc"] = .int(rc) }
            let old = before[volume] ?? (nil, nil)
            let new = after[volume] ?? (nil, nil)
            if let sum = new.0 { entry["checksum"] = .string(sum) }
            if let sum = new.1 { entry["puppet_generated_checksum"] = .string(sum) }
            let status: String
            if !outcome.succeeded {
                status = "failed"
                failedVolumes.append(volume)
                reasons.append("\(volume) (\(outcome.reason))")
                entry["msg"] = .string(outcome.reason)
                entry["errors"] = .array(outcome.errors.map { .string($0) })
                entry["stdout_tail"] = .array(outcome.stdoutTail.map { .string($0) })
                entry["stderr_tail"] = .array(outcome.stderrTail.map { .string($0) })
                entry["container_kept"] = .bool(outcome.kept)
            } else if args.noArchive {
                // No checksums without the archive: Puppet's own exit code says whether it changed something.
                status = outcome.rc == 2 ? "changed" : "unchanged"
            } else if args.checkMode {
                // Changed when a real run would change the checksums (so the hash, so a restart).
                let liveSums = live[volume] ?? (nil, nil)
                status = liveSums.0 != new.0 || liveSums.1 != new.1 ? "changed" : "unchanged"
                entry["diff"] = .string(diffs[volume] ?? "")
            } else {
                status = old.0 != new.0 || old.1 != new.1 ? "changed" : "unchanged"
                if let sum = old.1, status == "changed" { entry["previous_puppet_generated_checksum"] = .string(sum) }
            }
            if status == "changed" { changedVolumes.append(volume) }
            entry["status"] = .string(status)
            volumes[volume] = .object(entry)
        }

        var result = ModuleResult(
            changed: !changedVolumes.isEmpty || (!args.checkMode && (!hashes.updatedFiles.isEmpty || scriptWritten))
                || (args.checkMode && !hashes.updatedContainers.isEmpty))
        result.warnings = warnings
        result.set("check_mode", .bool(args.checkMode))
        result.set("config_vol_prefix", .string(runPrefix.isEmpty ? args.prefix : runPrefix))
        result.set("volumes", .object(volumes))
        result.set("changed_volumes", .array(changedVolumes.map { .string($0) }))
        result.set("failed_volumes", .array(failedVolumes.map { .string($0) }))
        result.set("config_hashes", .object(hashes.hashes))
        result.set("updated_containers", .array(hashes.updatedContainers.map { .string($0) }))
        result.set("updated_files", .array(hashes.updatedFiles.map { .string($0) }))
        if let definitions = hashes.definitions { result.set("container_definitions", .object(definitions)) }
        if args.checkMode && host.diffMode {
            let prepared = changedVolumes.compactMap { diffs[$0] }.filter { !$0.isEmpty }
            if !prepared.isEmpty {
                result.set("diff", .array(prepared.map { .object(["prepared": .string($0)]) }))
            }
        }
        if !failedVolumes.isEmpty {
            result.failed = true
            result.msg = "puppet_config: config generation failed for " + reasons.joined(separator: "; ")
        }
        return result
    }
}
