import Platform

/// `tasks_from: modify_image`: the user's Dockerfile directory.
extension Planner {
    /// `modify_image.yml`: the user's `<modify_dir_path>/Dockerfile` with its last `FROM` line
    /// replaced by `FROM <source_image>` and `LABEL modified_append_tag=<tag>` after it; the
    /// directory is the context. `REAL_USER` (Apex's build arg) is the source image's user.
    static func planDockerfileDirectory(_ args: Arguments, originalUser: String?, files: any InputFiles) throws -> Plan {
        guard let dir = args.modifyDirPath else {
            throw ModifyImageError.missing("modify_dir_path", "required when tasks_from is modify_image (a directory with a Dockerfile)")
        }
        guard try files.isDirectory(dir) else { throw ModifyImageError.badInput("modify_dir_path", "\(dir) is not a directory") }
        guard let bytes = try files.read(dir + "/Dockerfile") else {
            throw ModifyImageError.badInput("modify_dir_path", "\(dir)/Dockerfile does not exist")
        }
        let dockerfile = try rewrite(
            String(decoding: bytes, as: UTF8.self), from: args.sourceImage, appendTag: args.appendTag, path: dir + "/Dockerfile")
        let name = "Dockerfile.modified"
        var context = BuildContext()
        try context.addTree(dir, as: "", from: files, skip: [name], parameter: "modify_dir_path")
        context.addFile(name, text: dockerfile)
        var buildArgs = args.buildArgs
        if dockerfile.contains("REAL_USER"), buildArgs["REAL_USER"] == nil, let originalUser { buildArgs["REAL_USER"] = originalUser }
        return Plan(dockerfileName: name, dockerfile: dockerfile, context: context, buildArgs: buildArgs)
    }

    /// The Dockerfile with its last `FROM` line (case-insensitive keyword) replaced and the label inserted after it.
    static func rewrite(_ text: String, from source: String, appendTag: String, path: String) throws -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard let index = lines.lastIndex(where: isFromLine) else {
            throw ModifyImageError.badInput("modify_dir_path", "\(path) has no FROM line")
        }
        lines[index] = "FROM \(source)"
        lines.insert("LABEL modified_append_tag=\(appendTag)", at: index + 1)
        return lines.joined(separator: "\n") + "\n"
    }

    static func isFromLine(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.count > 5 else { return false }
        return trimmed.prefix(4).uppercased() == "FROM" && (trimmed.dropFirst(4).first == " " || trimmed.dropFirst(4).first == "\t")
    }
}
