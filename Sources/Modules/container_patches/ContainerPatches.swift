import JSON
public import ModuleKit
import Platform

/// `container_patches`: OPNFV Apex's container patch step. Maps upstream patches (local diff files
/// with their project and Change-Id) onto the service images that carry the project, writes
/// `containers/<service>/{Dockerfile,<change-id>.patch}` under `dest` and the
/// `docker_patches.tar.gz` archive of that tree; `modify_image` then rebuilds each service.
/// User docs: collection/plugins/modules/container_patches.yml (a test keeps it equal to `spec`).
public enum ContainerPatches: AnsibleModule {
    /// The Ansible name.
    public static let name = "container_patches"
    /// One line for `--help`.
    public static let summary = "Map Apex-style upstream patches to service images and write their Dockerfiles and archive"
    /// The argument spec (see the sidecar).
    public static let spec = ModuleSpec(
        supportsCheckMode: true,
        [
            .list(
                "patches", of: .dict, required: true,
                options: ModuleSpec([
                    .str("project", required: true),
                    .str("change_id", required: true, aliases: ["change-id"]),
                    .path("file", required: true),
                    .str("branch"),
                ])),
            .list("images", of: .str, required: true),
            .str("registry"),
            .str("name_prefix", default: "centos-binary-"),
            .str("tag", default: "current-tripleo"),
            .str("python_path", default: "/usr/lib/python3.9/site-packages"),
            .path("dest", required: true),
            .bool("archive", default: true),
        ])

    public static func run(_ params: Params, on host: Host) throws -> ModuleResult {
        try run(params, on: host, makeDirectory: { try Directories.createAll($0, permissions: 0o755) })
    }

    /// `run` with directory creation given (tests pass a twin). The patch files and the outputs
    /// are read and written through `host.files` (the deploy host's).
    static func run(_ params: Params, on host: Host, makeDirectory: (String) throws -> Void) throws -> ModuleResult {
        let dest = params.text("dest")
        var patches: [ApexPatch] = []
        for (index, entry) in params.entries("patches").enumerated() {
            let project = entry.text("project")
            let changeID = entry.text("change_id")
            let file = entry.text("file")
            guard !changeID.isEmpty, !changeID.contains("/"), changeID != "." && changeID != ".." else {
                throw ModuleFailure("patches[\(index)].change_id: '\(changeID)' cannot name a file")
            }
            guard let bytes = try? host.files.read(file), !bytes.isEmpty else {
                throw ModuleFailure("patches[\(index)].file: \(file) does not exist or is empty")
            }
            patches.append(ApexPatch(project: project, changeID: changeID, diff: String(decoding: bytes, as: UTF8.self)))
        }
        let set = try ApexPatchSet.map(
            patches, images: params.strings("images"), registry: params.string("registry"),
            prefix: params.text("name_prefix"), tag: params.text("tag"), pythonPath: params.text("python_path"))
        var outputs = set.files().map { (dest + "/" + $0.path, $0.bytes) }
        if params.bool("archive") { outputs.append((dest + "/docker_patches.tar.gz", try set.archive())) }

        var result = ModuleResult()
        var written: [String] = []
        for (path, bytes) in outputs {
            let before = try host.files.read(path)
            guard before != bytes else { continue }
            result.changed = true
            written.append(path)
            if host.diffMode && !path.hasSuffix(".gz") {
                result.diff.append(
                    Diff.file(path, before: before.map { String(decoding: $0, as: UTF8.self) }, after: String(decoding: bytes, as: UTF8.self)))
            }
            if !host.checkMode {
                try makeDirectory(Paths.split(path).directory)
                try host.files.write(bytes, to: path, permissions: 0o644, uid: nil, gid: nil)
            }
        }
        result.set("patched_services", .array(set.services.map { .string($0.name) }))
        var images = JSONObject()
        var dockerfiles = JSONObject()
        for service in set.services {
            images[service.name] = .string(service.image)
            dockerfiles[service.name] = .string(ApexPatchSet.dockerfile(for: service))
        }
        result.set("images", .object(images))
        result.set("dockerfiles", .object(dockerfiles))
        result.set(
            "host_patches",
            .array(
                set.hostPatches.map {
                    .object(["project": .string($0.patch.project), "change_id": .string($0.patch.changeID), "path": .string($0.path)])
                }))
        result.set("archive", params.bool("archive") ? .string(dest + "/docker_patches.tar.gz") : .null)
        result.set("written", .array(written.map(JSONValue.string)))
        return result
    }
}
