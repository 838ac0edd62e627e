import ImageCopy
import ImagePrepare
import JSON
import Platform
import Registry
import YAML

/// The evaluation's upload tasks as copy jobs, run through the copier.
extension ContainerImagePrepare {
    static func copy(_ uploads: [UploadTask], client: RegistryClient, access: RegistryAccess, args: Arguments, checkMode: Bool) -> CopyReport {
        let lines = Locked<[String]>([])
        let progress = access.progress
        let copier = ImageCopier(
            client: client, concurrency: args.concurrency ?? 4, checkMode: checkMode, modifier: access.modifier,
            progress: { outcome, done, total in
                let line = "[\(done)/\(total)] " + outcome.line
                lines.withLock { $0.append(line) }
                progress?(line)
            })
        var outcomes = [CopyOutcome?](repeating: nil, count: uploads.count)
        var jobs: [CopyJob] = []
        var positions: [Int] = []
        for (index, task) in uploads.enumerated() {
            switch job(for: task, cleanup: args.cleanup) {
            case .success(let job):
                jobs.append(job)
                positions.append(index)
            case .failure(let error):
                var outcome = CopyOutcome(source: task.sourceImage, target: task.targetImage, status: .failed)
                outcome.message = "\(task.sourceImage) -> \(task.targetImage): \(error.description)"
                outcomes[index] = outcome
            }
        }
        let start = Environment.monotonic()
        let batch = jobs
        let modifier = checkMode ? nil : access.modifier
        let (copied, removed) =
            (try? Blocking.run { () async -> ([CopyOutcome], [String]) in
                let outcomes = await copier.copy(batch)
                // `cleanup` once every image is done, so layers the images share are not removed and fetched again.
                let local = Self.localImagesToRemove(batch, outcomes)
                let removed = local.isEmpty ? [] : await modifier?.removeLocalImages(local) ?? []
                return (outcomes, removed)
            }) ?? ([], [])
        for (position, outcome) in zip(positions, copied) { outcomes[position] = outcome }
        let all = outcomes.enumerated().map { index, outcome in
            outcome ?? CopyOutcome(source: uploads[index].sourceImage, target: uploads[index].targetImage, status: .failed)
        }
        let stats = CopyStats(all, seconds: Environment.monotonic() - start)
        progress?(stats.line)
        let removals = removed.map { "Removed the local image \($0) (cleanup: \(args.cleanup))" }
        for line in removals { progress?(line) }
        return CopyReport(outcomes: all, stats: stats, lines: lines.withLock { $0 } + [stats.line] + removals, removedLocalImages: removed)
    }

    /// tripleo-common's `cleanup` list: for every image modified and pushed in this run (not one
    /// skipped because the modified image exists, not a failed one), its ``ModifyRequest/localImagesToRemove``;
    /// unique and sorted, as `cleanup(local_images)` removes them.
    static func localImagesToRemove(_ jobs: [CopyJob], _ outcomes: [CopyOutcome]) -> [String] {
        var images: Set<String> = []
        for (job, outcome) in zip(jobs, outcomes) where outcome.status == .copied {
            images.formUnion(job.modification?.localImagesToRemove ?? [])
        }
        return images.sorted()
    }

    /// One upload task as a copy job; `modify_role` tasks copy the unmodified image to the source
    /// tag, then the modifier makes the appended tag (tripleo-common's order).
    static func job(for task: UploadTask, cleanup: String) -> Result<CopyJob, RegistryError> {
        do {
            let source = try ImageReference(task.sourceImage)
            let target = try ImageReference(task.targetImage)
            guard let modification = task.modification else {
                return .success(CopyJob(source: source, target: target, multiArch: task.multiArch))
            }
            if task.multiArch {
                return .failure(.unsupported("modify_role cannot be used with multi_arch images (as tripleo-common)"))
            }
            let unmodified = target.with(reference: source.reference)
            let request = ModifyRequest(
                role: modification.role, vars: modification.vars?.json, sourceImage: unmodified.description,
                targetImage: task.targetImage, appendTag: modification.appendTag, cleanup: cleanup)
            return .success(CopyJob(source: source, target: unmodified, multiArch: false, modification: request))
        } catch {
            return .failure(error)
        }
    }
}

/// What the copy of a run produced.
struct CopyReport {
    var outcomes: [CopyOutcome]
    var stats: CopyStats
    /// Progress lines and the summary (for `log_file`).
    var lines: [String]
    /// Local images `cleanup` removed (result `removed_local_images`).
    var removedLocalImages: [String] = []

    /// The result's `copies`.
    var copiesJSON: JSONValue { .array(outcomes.map(\.json)) }

    /// `N of M image(s) failed to copy: <first failure>`, or `nil` when none failed.
    var failureMessage: String? {
        let failed = outcomes.filter { $0.status == .failed }
        guard let first = failed.first else { return nil }
        return "\(failed.count) of \(outcomes.count) image(s) failed to copy: \(first.message ?? first.source)"
    }
}
