public import JSON

/// What happened to one image.
public struct CopyOutcome: Sendable, Equatable {
    /// The result of one image's copy.
    public enum Status: String, Sendable {
        /// Something was written (in check mode: would be).
        case copied
        /// The destination already has the same manifest digest: nothing transferred.
        case present
        /// Not copied on purpose (a duplicate target, or a modified image that already exists).
        case skipped
        /// Copying failed; ``CopyOutcome/message`` says why.
        case failed
    }

    /// The source image.
    public var source: String
    /// The destination image.
    public var target: String
    /// The outcome.
    public var status: Status
    /// Blobs uploaded (bytes sent).
    public var blobsUploaded = 0
    /// Blobs cross-repository mounted.
    public var blobsMounted = 0
    /// Blobs already in the destination repository.
    public var blobsPresent = 0
    /// Bytes uploaded.
    public var bytes: Int64 = 0
    /// The source manifest digest (when read).
    public var digest: String?
    /// Why it failed or was skipped.
    public var message: String?

    /// An outcome.
    public init(source: String, target: String, status: Status) {
        self.source = source
        self.target = target
        self.status = status
    }

    /// The result entry (`copies[]`).
    public var json: JSONValue {
        var object: JSONObject = [
            "source": .string(source), "target": .string(target), "status": .string(status.rawValue),
            "blobs_uploaded": .int(blobsUploaded), "blobs_mounted": .int(blobsMounted), "blobs_present": .int(blobsPresent),
            "bytes": .int(Int(bytes)),
        ]
        if let digest { object["digest"] = .string(digest) }
        if let message { object["msg"] = .string(message) }
        return .object(object)
    }

    /// The progress line: `copied SRC -> DST (U uploaded, M mounted, P present, B bytes)`.
    public var line: String {
        var text =
            "\(status.rawValue) \(source) -> \(target) (\(blobsUploaded) uploaded, \(blobsMounted) mounted, \(blobsPresent) present, \(bytes) bytes)"
        if let message { text += ": " + message }
        return text
    }
}

/// Totals over a run.
public struct CopyStats: Sendable, Equatable {
    public var images = 0
    public var copied = 0
    public var present = 0
    public var skipped = 0
    public var failed = 0
    public var blobsUploaded = 0
    public var blobsMounted = 0
    public var blobsPresent = 0
    public var bytes: Int64 = 0
    /// Wall-clock seconds of the copy.
    public var seconds: Double = 0

    /// The totals of `outcomes`.
    public init(_ outcomes: [CopyOutcome], seconds: Double) {
        images = outcomes.count
        for outcome in outcomes {
            switch outcome.status {
            case .copied: copied += 1
            case .present: present += 1
            case .skipped: skipped += 1
            case .failed: failed += 1
            }
            blobsUploaded += outcome.blobsUploaded
            blobsMounted += outcome.blobsMounted
            blobsPresent += outcome.blobsPresent
            bytes += outcome.bytes
        }
        self.seconds = seconds
    }

    /// The result's `copy_stats`.
    public var json: JSONValue {
        .object([
            "images": .int(images), "copied": .int(copied), "present": .int(present), "skipped": .int(skipped), "failed": .int(failed),
            "blobs_uploaded": .int(blobsUploaded), "blobs_mounted": .int(blobsMounted), "blobs_present": .int(blobsPresent),
            "bytes": .int(Int(bytes)), "seconds": .double((seconds * 1000).rounded() / 1000),
        ])
    }

    /// The summary line.
    public var line: String {
        "copy: \(images) images: \(copied) copied, \(present) present, \(skipped) skipped, \(failed) failed; "
            + "\(blobsUploaded) blobs uploaded, \(blobsMounted) mounted, \(blobsPresent) present; \(bytes) bytes in "
            + String((seconds * 100).rounded() / 100) + " s"
    }
}
