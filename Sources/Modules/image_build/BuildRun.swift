import DockerEngine
import JSON
import ModuleKit
import Platform
import Tar

/// One run of the builder over a plan: decide (contexts, hashes), then build in graph order.
struct BuildRun: Sendable {
    let plan: BuildPlan
    let args: BuildArguments
    let engine: EngineClient
    let files: any ContextFiles
    let checkMode: Bool

    /// How many output lines a failed image reports.
    static let outputTail = 25

    /// An image ready to build: its tar context and what identifies its content.
    struct Prepared: Sendable {
        var context: [UInt8]
        var dockerfile: String
        var hash: String
        var labels: [String: String]
    }

    func perform(diffMode: Bool) -> ModuleResult {
        let images = plan.images.filter { $0.status != "unmatched" }
        let index = Dictionary(images.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let parents = images.map { image in image.parent.flatMap { index[$0] } }
        var preset = [ImageOutcome?](repeating: nil, count: images.count)
        var prepared = [Prepared?](repeating: nil, count: images.count)
        var hashes: [String: String] = [:]  // by name, for children
        var externalIDs: [String: String] = [:]
        for (position, image) in images.enumerated() {
            if image.status == "failed" {
                preset[position] = ImageOutcome(status: .failed, reason: image.error ?? "rendering failed")
                continue
            }
            do {
                let base: String
                if let parent = image.parent {
                    guard let parentHash = hashes[parent] else {
                        continue  // the parent failed to render or prepare: the graph skips this one
                    }
                    base = parentHash
                } else {
                    let from = image.from ?? ""
                    if externalIDs[from] == nil { externalIDs[from] = (try? engine.image(named: from))?.id ?? "absent" }
                    base = from + "@" + (externalIDs[from] ?? "")
                }
                let ready = try prepare(image, base: base)
                prepared[position] = ready
                hashes[image.name] = ready.hash
            } catch {
                preset[position] = ImageOutcome(status: .failed, reason: "\(error)")
            }
        }

        let progress = args.progress
        let graph = BuildGraph(parents: parents, names: images.map(\.name))
        let shared = prepared
        let outcomes = graph.run(width: args.threads, preset: preset) { position in
            let image = images[position]
            guard let ready = shared[position] else {
                return ImageOutcome(status: .failed, reason: "no build context (its parent failed to prepare)")
            }
            if progress { StandardStreams.writeError("image_build: \(image.name): starting\n") }
            let outcome = self.process(image, ready)
            if progress { StandardStreams.writeError(Self.progressLine(image, outcome)) }
            return outcome
        }
        return report(images, outcomes: outcomes, prepared: prepared, diffMode: diffMode)
    }

    /// Reads the context, hashes it and decides the labels.
    private func prepare(_ image: BuildPlan.Image, base: String) throws -> Prepared {
        var hash = ContentHash()
        hash.field("base", base)
        var tar = TarWriter()
        var dockerfile = ""
        for file in image.files {
            guard !file.hasPrefix("/"), !file.split(separator: "/").contains("..") else {
                throw PlanError("context file \(file) is outside the image folder")
            }
            let path = image.context + "/" + file
            let read: (bytes: [UInt8], permissions: UInt32)?
            do {
                read = try files.read(path)
            } catch {
                throw PlanError("context file \(path): \(error)")
            }
            guard let read else { throw PlanError("context file \(path) does not exist (render the tree again)") }
            if file == "Dockerfile" { dockerfile = String(decoding: read.bytes, as: UTF8.self) }
            hash.file(file, permissions: read.permissions, contents: read.bytes)
            do {
                try tar.addFile(file, contents: read.bytes, permissions: read.permissions & 0o7777)
            } catch {
                throw PlanError("context file \(file): \(error)")
            }
        }
        guard image.files.contains("Dockerfile") else { throw PlanError("the rendered folder \(image.context) has no Dockerfile") }
        let buildArgs = plan.buildArgs.merging(args.buildArgs) { _, given in given }
        hash.map("build_args", buildArgs)
        var labels = contentLabels(image)
        hash.map("labels", labels)
        let digest = hash.finish()
        labels[ContentHash.label] = digest
        labels["org.opencontainers.image.created"] = plan.created
        labels["build-date"] = String(plan.created.filter(\.isNumber).prefix(8))
        return Prepared(context: tar.finish(), dockerfile: dockerfile, hash: digest, labels: labels)
    }

    /// Kolla's OCI labels without the times and the caller's; on leaf images (no child in the tree) also the
    /// per-tag ones, `org.opencontainers.image.version` (the tag) and `version` / `release` (`tag_from_label`).
    /// A parent image thus hashes the same under every tag, and a second tag reuses it instead of rebuilding
    /// every layer of its children.
    private func contentLabels(_ image: BuildPlan.Image) -> [String: String] {
        var labels: [String: String] = [
            "org.opencontainers.image.title": image.name,
            "org.opencontainers.image.description": "overcloud.containers \(image.name) image",
            "org.opencontainers.image.licenses": "Apache-2.0",
        ]
        if !plan.maintainer.isEmpty { labels["org.opencontainers.image.authors"] = plan.maintainer }
        if !plan.images.contains(where: { $0.parent == image.name }) {
            labels["org.opencontainers.image.version"] = plan.tag
            for (key, value) in plan.labels { labels[key] = value }
        }
        for (key, value) in args.labels { labels[key] = value }
        return labels
    }

    /// Builds (or finds unchanged) and pushes one image.
    private func process(_ image: BuildPlan.Image, _ ready: Prepared) -> ImageOutcome {
        let start = Environment.monotonic()
        var outcome = ImageOutcome(status: .failed)
        let existing = try? engine.image(named: image.canonical)
        if let existing, existing.config.labels[ContentHash.label] == ready.hash {
            outcome = ImageOutcome(status: .unchanged, id: existing.id)
        } else if let twin = sameContent(image, hash: ready.hash) {
            outcome = checkMode ? ImageOutcome(status: .wouldTag, id: twin.id) : retag(image, twin)
        } else if checkMode {
            outcome = ImageOutcome(status: .wouldBuild)
        } else {
            outcome = build(image, ready)
        }
        if args.push && outcome.status.isUsable && !checkMode {
            outcome = push(image, outcome)
        }
        outcome.seconds = ((Environment.monotonic() - start) * 100).rounded() / 100
        return outcome
    }

    /// A local image of the same repository (another tag) whose content hash is `hash`.
    private func sameContent(_ image: BuildPlan.Image, hash: String) -> ImageSummary? {
        let repository = String(image.canonical[..<(image.canonical.lastIndex(of: ":") ?? image.canonical.endIndex)])
        guard !repository.contains("@"), let candidates = try? engine.images(reference: repository) else { return nil }
        return candidates.first { $0.labels[ContentHash.label] == hash }
    }

    private func retag(_ image: BuildPlan.Image, _ twin: ImageSummary) -> ImageOutcome {
        do {
            try engine.tagImage(twin.id, as: image.canonical)
            let source = twin.repoTags.first ?? twin.id
            return ImageOutcome(status: .tagged, id: twin.id, reason: "same content as \(source)")
        } catch {
            return ImageOutcome(status: .failed, reason: "tagging \(twin.id) as \(image.canonical): \(error)")
        }
    }

    private func build(_ image: BuildPlan.Image, _ ready: Prepared) -> ImageOutcome {
        let options = BuildOptions(
            tag: image.canonical, buildArgs: plan.buildArgs.merging(args.buildArgs) { _, given in given }, labels: ready.labels,
            networkMode: "host", noCache: args.noCache, pull: args.pull && image.parent == nil)
        var last = ImageOutcome(status: .failed)
        for attempt in 1...(args.retries + 1) {
            do {
                let result = try engine.buildImage(context: ready.context, options: options, timeout: .seconds(args.timeoutSeconds))
                // The classic builder may only print a short id ("Successfully built 0123abcd"): ask for the full one.
                let id =
                    result.imageID.flatMap { $0.hasPrefix("sha256:") ? $0 : nil } ?? (try? engine.image(named: image.canonical))?.id ?? result.imageID
                return ImageOutcome(status: .built, id: id, attempts: attempt)
            } catch {
                last = ImageOutcome(status: .failed, reason: Self.firstLine(error.description), outputTail: Self.tail(error), attempts: attempt)
            }
        }
        return last
    }

    private func push(_ image: BuildPlan.Image, _ built: ImageOutcome) -> ImageOutcome {
        var outcome = built
        let auth = registryAuth(for: image.canonical)
        do {
            if built.status == .unchanged, try alreadyPushed(image.canonical, auth: auth) { return outcome }
            try engine.pushImage(image.canonical, auth: auth, timeout: .seconds(args.timeoutSeconds))
            outcome.pushed = true
        } catch {
            outcome.status = .failed
            outcome.reason = "\(error)"
        }
        return outcome
    }

    /// Whether the registry already holds exactly the local image (its digest is among the local `RepoDigests`).
    private func alreadyPushed(_ canonical: String, auth: RegistryAuth?) throws -> Bool {
        guard let remote = try engine.distribution(canonical, auth: auth),
            let digest = remote.objectValue?["Descriptor"]?.objectValue?["digest"]?.stringValue,
            let local = try engine.image(named: canonical)
        else { return false }
        return local.repoDigests.contains { $0.hasSuffix("@" + digest) }
    }

    private func registryAuth(for reference: String) -> RegistryAuth? {
        guard let username = args.registryUsername, let password = args.registryPassword else { return nil }
        let first = reference.split(separator: "/").first.map(String.init) ?? ""
        let registry = reference.contains("/") && (first.contains(".") || first.contains(":") || first == "localhost") ? first : ""
        return RegistryAuth(username: username, password: password, serverAddress: registry)
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", omittingEmptySubsequences: true).first ?? Substring(text))
    }

    /// The build output part of an engine error (`--- last build output ---`), last lines.
    static func tail(_ error: EngineError) -> [String] {
        let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let marker = lines.firstIndex(of: "--- last build output ---") else { return Array(lines.suffix(outputTail)) }
        return Array(lines[(marker + 1)...].suffix(outputTail))
    }

    static func progressLine(_ image: BuildPlan.Image, _ outcome: ImageOutcome) -> String {
        var line = "image_build: \(image.name): \(outcome.status.rawValue) in \(outcome.seconds) s"
        if outcome.pushed { line += ", pushed" }
        if let reason = outcome.reason { line += " (\(reason))" }
        return line + "\n"
    }
}
