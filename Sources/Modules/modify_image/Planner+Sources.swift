import Platform

/// `tasks_from: dev_install` and `patch`: python source trees and unified diffs.
extension Planner {
    /// `dev_install.yml` with `python_dir`: each source tree pip-installed (offline).
    static func planDevInstall(_ args: Arguments, originalUser: String?, files: any InputFiles) throws -> Plan {
        guard !args.pythonDirs.isEmpty else {
            throw ModifyImageError.missing("python_dir", "at least one python source directory is required when tasks_from is dev_install")
        }
        var context = BuildContext()
        for (index, dir) in args.pythonDirs.enumerated() {
            guard try files.isDirectory(dir) else { throw ModifyImageError.badInput("python_dir", "\(dir) is not a directory") }
            let hasProject = try files.status(dir + "/setup.py") != nil || files.status(dir + "/pyproject.toml") != nil
            guard hasProject else { throw ModifyImageError.badInput("python_dir", "\(dir) has neither setup.py nor pyproject.toml") }
            let name = String(format3(index + 1)) + "-" + Paths.basename(dir)
            try context.addTree(dir, as: "\(Plan.workDir)/dev/\(name)", from: files, skip: [".git", ".tox"], parameter: "python_dir")
        }
        context.addFile("\(Plan.workDir)/dev_install.sh", text: Scripts.devInstall, permissions: 0o755)
        return finish(generated(args, originalUser: originalUser, run: "/bin/sh /tmp/\(Plan.workDir)/dev_install.sh"), context, args)
    }

    /// `patch` (Apex style): each of `patches`, in order, applied with `patch -p1` in `patch_path`.
    static func planPatch(_ args: Arguments, originalUser: String?, files: any InputFiles) throws -> Plan {
        guard !args.patches.isEmpty else { throw ModifyImageError.missing("patches", "at least one patch file is required when tasks_from is patch") }
        guard let path = args.patchPath, path.hasPrefix("/") else {
            throw ModifyImageError.missing("patch_path", "an absolute directory in the image is required when tasks_from is patch")
        }
        var context = BuildContext()
        for (index, patch) in args.patches.enumerated() {
            guard let bytes = try files.read(patch), try files.status(patch)?.kind != .directory else {
                throw ModifyImageError.badInput("patches", "\(patch) does not exist or is not a file")
            }
            guard !bytes.isEmpty else { throw ModifyImageError.badInput("patches", "\(patch) is empty") }
            context.addFile("\(Plan.workDir)/patches/\(format3(index + 1))-\(Paths.basename(patch))", bytes)
        }
        context.addFile("\(Plan.workDir)/apply_patches.sh", text: Scripts.applyPatches, permissions: 0o755)
        let run = "/bin/sh /tmp/\(Plan.workDir)/apply_patches.sh \(shellQuoted(path))"
        return finish(generated(args, originalUser: originalUser, run: run), context, args)
    }
}
