import Platform
public import Registry

/// Copies images registry to registry: images in parallel (``concurrency`` at once), every unique
/// blob sent once per destination registry (other repositories get it by cross-repository mount),
/// `HEAD` before every upload, manifests pushed byte for byte (so destination digests equal source
/// digests) and only after all their blobs, a list only after all its platform manifests: a
/// destination never holds half an image. An image whose destination manifest digest already
/// equals the source's is left alone (`present`): a repeated run transfers nothing.
public final class ImageCopier: Sendable {
    /// Reports each finished image (progress display, log file).
    public typealias Progress = @Sendable (_ outcome: CopyOutcome, _ done: Int, _ total: Int) -> Void

    let client: RegistryClient
    let concurrency: Int
    let checkMode: Bool
    let uploadMode: RegistryClient.UploadMode
    let modifier: (any ImageModifier)?
    let progress: Progress?
    let ledger = BlobLedger()
    let transfers: AsyncLimiter
    /// Whole-blob transfer attempts (each re-reads the source and opens a new upload).
    let blobAttempts: Int

    /// A copier.
    /// - Parameters:
    ///   - client: the registry client (its token cache is shared by all workers).
    ///   - concurrency: images copied at once, and blob transfers at once.
    ///   - checkMode: read manifests only and report what would be copied.
    ///   - uploadMode: how blob bytes are sent.
    ///   - modifier: runs `modify_role` (`nil`: jobs that need it fail).
    ///   - blobAttempts: transfer attempts per blob before the image fails.
    ///   - progress: called once per finished image.
    public init(
        client: RegistryClient, concurrency: Int = 4, checkMode: Bool = false, uploadMode: RegistryClient.UploadMode = .monolithic,
        modifier: (any ImageModifier)? = nil, blobAttempts: Int = 4, progress: Progress? = nil
    ) {
        self.client = client
        self.concurrency = max(1, concurrency)
        self.checkMode = checkMode
        self.uploadMode = uploadMode
        self.modifier = modifier
        self.blobAttempts = max(1, blobAttempts)
        self.progress = progress
        transfers = AsyncLimiter(limit: max(1, concurrency))
    }

    /// Copies every job; one outcome per job, in job order. Never throws: failures are outcomes.
    public func copy(_ jobs: [CopyJob]) async -> [CopyOutcome] {
        var firstByTarget: [String: Int] = [:]
        var outcomes = [CopyOutcome?](repeating: nil, count: jobs.count)
        var pending: [Int] = []
        for (index, job) in jobs.enumerated() {
            let key = (job.modification?.targetImage ?? job.target.description) + " " + job.source.description
            if let first = firstByTarget[key] {
                var outcome = CopyOutcome(source: job.source.description, target: job.target.description, status: .skipped)
                outcome.message = "the same copy as image \(first + 1) of this run"
                outcomes[index] = outcome
            } else {
                firstByTarget[key] = index
                pending.append(index)
            }
        }
        let total = jobs.count
        var done = 0
        for case let outcome? in outcomes {
            done += 1
            progress?(outcome, done, total)
        }
        await withTaskGroup(of: (Int, CopyOutcome).self) { group in
            var next = 0
            func launch() {
                guard next < pending.count else { return }
                let index = pending[next]
                next += 1
                let job = jobs[index]
                group.addTask { (index, await self.copyImage(job)) }
            }
            for _ in 0..<concurrency { launch() }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                done += 1
                progress?(outcome, done, total)
                launch()
            }
        }
        return outcomes.enumerated().map { index, outcome in
            outcome ?? CopyOutcome(source: jobs[index].source.description, target: jobs[index].target.description, status: .failed)
        }
    }
}
