/// Which destination repositories hold which blobs, across every image of a run: each blob is
/// uploaded once per destination registry, later repositories get it by cross-repository mount,
/// and a worker that needs a blob another worker is uploading waits for it instead of uploading it
/// too (bounded: the uploader always finishes, successfully or not).
actor BlobLedger {
    /// What a worker should do for a blob.
    enum Claim: Equatable {
        /// This repository has it already (this run put it there).
        case present
        /// Another repository of the same registry has it: mount from there.
        case mount(from: String)
        /// Nobody has it: this worker transfers it, then calls ``finish(registry:digest:repository:success:)``.
        case transfer
    }

    private struct Entry {
        var repositories: [String] = []
        var busy = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private var entries: [String: Entry] = [:]

    /// The next step for `digest` in `registry/repository`.
    func claim(registry: String, digest: String, repository: String) async -> Claim {
        let key = registry + " " + digest
        while true {
            let entry = entries[key, default: Entry()]
            if entry.repositories.contains(repository) { return .present }
            if let other = entry.repositories.first { return .mount(from: other) }
            if !entry.busy {
                entries[key, default: Entry()].busy = true
                return .transfer
            }
            await withCheckedContinuation { continuation in entries[key, default: Entry()].waiters.append(continuation) }
        }
    }

    /// Records that `registry/repository` has `digest` (after a mount, or a HEAD that found it).
    func record(registry: String, digest: String, repository: String) {
        let key = registry + " " + digest
        if !(entries[key]?.repositories.contains(repository) ?? false) { entries[key, default: Entry()].repositories.append(repository) }
    }

    /// Ends a ``Claim/transfer``: records the repository on success and wakes the waiters.
    func finish(registry: String, digest: String, repository: String, success: Bool) {
        let key = registry + " " + digest
        if success { record(registry: registry, digest: digest, repository: repository) }
        var entry = entries[key, default: Entry()]
        let waiters = entry.waiters
        entry.waiters = []
        entry.busy = false
        entries[key] = entry
        for waiter in waiters { waiter.resume() }
    }
}
