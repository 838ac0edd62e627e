import Registry

/// One image: read the source manifest, compare with the destination's, then blobs, then manifests.
extension ImageCopier {
    /// Blob counts of one image, summed over its blobs.
    struct Tally: Sendable {
        var uploaded = 0
        var mounted = 0
        var present = 0
        var bytes: Int64 = 0

        static func + (a: Tally, b: Tally) -> Tally {
            Tally(uploaded: a.uploaded + b.uploaded, mounted: a.mounted + b.mounted, present: a.present + b.present, bytes: a.bytes + b.bytes)
        }
    }

    func copyImage(_ job: CopyJob) async -> CopyOutcome {
        var outcome = CopyOutcome(source: job.source.description, target: job.modification?.targetImage ?? job.target.description, status: .copied)
        do {
            if let modification = job.modification {
                let modified = try ImageReference(modification.targetImage)
                if try await client.manifestDigest(modified, push: true) != nil {
                    outcome.status = .skipped
                    outcome.message = "the modified image already exists"
                    return outcome
                }
                guard modifier != nil else {
                    throw CopyError(
                        "modify_role '\(modification.role)' needs an image modifier (the modify_image module), which this run does not have; \(job.source) was not copied"
                    )
                }
            }
            var manifest = try await client.manifest(job.source, accept: job.multiArch ? MediaType.acceptAll : MediaType.acceptImage)
            if manifest.kind == .list && !job.multiArch {
                guard let child = manifest.defaultChild else { throw CopyError("\(job.source): the manifest list is empty") }
                manifest = try await client.manifest(job.source.with(reference: child.digest))
            }
            outcome.digest = manifest.digest
            if manifest.kind == .schema1 {
                throw CopyError(
                    "\(job.source) is a Docker schema 1 image: this copier reads schema 1 (tags, labels) but does not push it (registries no longer accept it)"
                )
            }
            let existing = try await client.manifestDigest(job.target, push: true)
            if let existing, existing == manifest.digest || existing == (try? manifest.dockerSchema2())??.digest {
                outcome.status = job.modification == nil ? .present : .copied
                if job.modification == nil { return outcome }
            } else {
                let (tally, note) = try await copyManifest(manifest, job: job)
                outcome.message = note
                outcome.blobsUploaded = tally.uploaded
                outcome.blobsMounted = tally.mounted
                outcome.blobsPresent = tally.present
                outcome.bytes = tally.bytes
            }
            if let modification = job.modification, let modifier, !checkMode {
                try await modifier.modify(modification)
            }
            return outcome
        } catch {
            outcome.status = .failed
            outcome.message = "\(job.source) -> \(outcome.target): \(error)"
            return outcome
        }
    }

    /// Every platform manifest (for a list), their blobs, then the manifest itself under the tag.
    /// In check mode: the manifests are read and the bytes that would move are counted.
    private func copyManifest(_ manifest: Manifest, job: CopyJob) async throws -> (Tally, String?) {
        var images: [Manifest] = []
        if manifest.kind == .list {
            for child in manifest.children {
                let platform = try await client.manifest(job.source.with(reference: child.digest), accept: MediaType.acceptAll)
                guard platform.kind == .image else {
                    throw CopyError("\(job.source)@\(child.digest): nested lists and schema 1 entries are not supported")
                }
                images.append(platform)
            }
        } else {
            images = [manifest]
        }
        if checkMode {
            var tally = Tally()
            var seen: Set<String> = []
            for image in images {
                for blob in image.blobs where seen.insert(blob.digest).inserted {
                    tally.uploaded += 1
                    tally.bytes += blob.size
                }
            }
            return (tally, nil)
        }
        var tally = Tally()
        for image in images {
            tally = tally + (try await copyBlobs(image.blobs, job: job))
        }
        if manifest.kind == .list {
            for image in images {
                try await client.putManifest(image, to: job.target.with(reference: image.digest))
            }
        }
        return (tally, try await push(manifest, to: job.target))
    }

    /// PUTs the manifest as it is; a destination that refuses an OCI image manifest (400/415) gets its
    /// Docker schema 2 form instead. Returns a note when converted.
    private func push(_ manifest: Manifest, to target: ImageReference) async throws -> String? {
        do {
            try await client.putManifest(manifest, to: target)
            return nil
        } catch {
            let refused: Bool
            if case .http(let status, _) = error { refused = status == 400 || status == 415 } else { refused = false }
            guard refused, let converted = try manifest.dockerSchema2() else { throw error }
            try await client.putManifest(converted, to: target)
            return "the destination refused the OCI manifest; pushed as Docker schema 2 (digest \(converted.digest))"
        }
    }

    /// All blobs of one image in parallel (transfers bounded by the run's limit); the first
    /// failure cancels the rest, and then no manifest is pushed.
    private func copyBlobs(_ blobs: [Descriptor], job: CopyJob) async throws -> Tally {
        try await withThrowingTaskGroup(of: Tally.self) { group in
            for blob in blobs {
                group.addTask { try await self.ensureBlob(blob, job: job) }
            }
            var total = Tally()
            for try await tally in group { total = total + tally }
            return total
        }
    }
}

/// A copy failure with its own message.
struct CopyError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
