import Registry

/// One blob into one destination repository: present → nothing; known elsewhere in the registry
/// → mount; otherwise HEAD, then stream it from the source (verified on the way), retrying the
/// whole transfer on transient failures.
extension ImageCopier {
    func ensureBlob(_ blob: Descriptor, job: CopyJob) async throws -> Tally {
        let registry = job.target.registry
        let repository = job.target.repository
        while true {
            try Task.checkCancellation()
            switch await ledger.claim(registry: registry, digest: blob.digest, repository: repository) {
            case .present:
                return Tally(present: 1)
            case .mount(let from):
                switch try await client.mountBlob(blob.digest, into: repository, from: from, registry: registry) {
                case .mounted:
                    await ledger.record(registry: registry, digest: blob.digest, repository: repository)
                    return Tally(mounted: 1)
                case .uploadStarted(let location):
                    return try await upload(blob, job: job, location: location)
                }
            case .transfer:
                do {
                    let tally = try await transfer(blob, job: job)
                    await ledger.finish(registry: registry, digest: blob.digest, repository: repository, success: true)
                    return tally
                } catch {
                    await ledger.finish(registry: registry, digest: blob.digest, repository: repository, success: false)
                    throw error
                }
            }
        }
    }

    /// The first transfer of a blob to this registry in this run.
    private func transfer(_ blob: Descriptor, job: CopyJob) async throws -> Tally {
        let registry = job.target.registry
        let repository = job.target.repository
        if try await client.blobExists(blob.digest, in: repository, registry: registry) { return Tally(present: 1) }
        var location: String?
        if job.source.registry == registry, job.source.repository != repository {
            switch try await client.mountBlob(blob.digest, into: repository, from: job.source.repository, registry: registry) {
            case .mounted: return Tally(mounted: 1)
            case .uploadStarted(let started): location = started
            }
        }
        return try await upload(blob, job: job, location: location)
    }

    /// Streams the blob from the source into an upload session (a new one per attempt).
    private func upload(_ blob: Descriptor, job: CopyJob, location: String?) async throws -> Tally {
        let registry = job.target.registry
        let repository = job.target.repository
        var location = location
        var attempt = 1
        while true {
            do {
                let given = location
                location = nil
                let bytes: Int64 = try await transfers.run {
                    let session = try await self.sessionLocation(given, repository: repository, registry: registry)
                    return try await self.send(blob, job: job, to: session)
                }
                await ledger.record(registry: registry, digest: blob.digest, repository: repository)
                return Tally(uploaded: 1, bytes: bytes)
            } catch let error as RegistryError where Self.isTransient(error) && attempt < blobAttempts {
                let policy = client.configuration.retry
                await policy.sleep(policy.delay(afterAttempt: attempt))
                attempt += 1
            }
        }
    }

    private func sessionLocation(_ given: String?, repository: String, registry: String) async throws -> String {
        if let given { return given }
        return try await client.startUpload(into: repository, registry: registry)
    }

    /// One attempt: GET the source blob, PUT (or PATCH+PUT) it with its digest. Returns the bytes sent.
    private func send(_ blob: Descriptor, job: CopyJob, to location: String) async throws -> Int64 {
        let (body, length) = try await client.openBlob(blob.digest, in: job.source.repository, registry: job.source.registry)
        let size = blob.size > 0 ? blob.size : length
        let checked = DigestingStream(body, digest: blob.digest, size: size)
        let requestBody: RequestBody
        let sent: Int64
        if let size {
            requestBody = .stream(length: size, checked.stream)
            sent = size
        } else {
            // No size anywhere (schema 1 without Content-Length): read it whole, checked, then send.
            let bytes = try await checked.stream.collect(limit: 1 << 30)
            requestBody = .bytes(bytes)
            sent = Int64(bytes.count)
        }
        do {
            try await client.upload(
                requestBody, length: sent, to: location, digest: blob.digest, repository: job.target.repository,
                registry: job.target.registry, mode: uploadMode)
        } catch {
            if let mismatch = checked.mismatch {
                throw RegistryError.digestMismatch("\(job.source.registry)/\(job.source.repository)@\(blob.digest): \(mismatch)")
            }
            throw error
        }
        return sent
    }

    /// Failures another whole-blob attempt may cure: transient HTTP/transport errors, a 401 during
    /// the stream (the token was renewed meanwhile), content that arrived damaged.
    static func isTransient(_ error: RegistryError) -> Bool {
        if case .http(401, _) = error { return true }
        return error.isRetryable
    }
}
