import Platform

/// `tasks_from: rpm_install`, `yum_update`, `yum_install`: packages with the image's package manager.
extension Planner {
    /// The package files (`*.rpm` or `*.deb`) directly in `dir`, sorted, and their kind.
    static func packages(in dir: String, parameter: String, files: any InputFiles) throws -> (names: [String], kind: String) {
        guard try files.isDirectory(dir) else { throw ModifyImageError.badInput(parameter, "\(dir) is not a directory") }
        let names = try files.sortedEntries(of: dir)
        let rpms = names.filter { $0.hasSuffix(".rpm") }
        let debs = names.filter { $0.hasSuffix(".deb") }
        if rpms.isEmpty && debs.isEmpty { throw ModifyImageError.badInput(parameter, "\(dir) has no .rpm or .deb files") }
        if !rpms.isEmpty && !debs.isEmpty {
            throw ModifyImageError.badInput(parameter, "\(dir) mixes .rpm and .deb files; an image has one package format")
        }
        return rpms.isEmpty ? (debs, "deb") : (rpms, "rpm")
    }

    static func addPackages(_ names: [String], from dir: String, to context: inout BuildContext, files: any InputFiles) throws {
        for name in names {
            guard let bytes = try files.read(dir + "/" + name) else { continue }
            context.addFile("\(Plan.workDir)/packages/\(name)", bytes)
        }
    }

    /// `rpm_install.yml` (also the hotfix flow): every package of `rpms_path` installed over the image.
    static func planPackageInstall(_ args: Arguments, originalUser: String?, files: any InputFiles) throws -> Plan {
        guard let dir = args.rpmsPath else {
            throw ModifyImageError.missing("rpms_path", "required when tasks_from is rpm_install (a directory of .rpm or .deb files)")
        }
        let (names, kind) = try packages(in: dir, parameter: "rpms_path", files: files)
        var context = BuildContext()
        try addPackages(names, from: dir, to: &context, files: files)
        context.addFile("\(Plan.workDir)/package_install.sh", text: Scripts.packageInstall, permissions: 0o755)
        let run = "/bin/sh /tmp/\(Plan.workDir)/package_install.sh \(kind)"
        return finish(generated(args, originalUser: originalUser, run: run), context, args)
    }

    /// `yum_update.yml`: update from `rpms_path` packages when given, else from the repositories
    /// (`yum_repos_dir_path` replacing the image's, `file://` repositories copied in).
    static func planPackageUpdate(_ args: Arguments, originalUser: String?, files: any InputFiles) throws -> Plan {
        var context = BuildContext()
        if let dir = args.rpmsPath {
            let (names, _) = try packages(in: dir, parameter: "rpms_path", files: files)
            try addPackages(names, from: dir, to: &context, files: files)
        }
        let copies = try addRepositories(args, to: &context, files: files)
        context.addFile("\(Plan.workDir)/package_update.sh", text: Scripts.packageUpdate, permissions: 0o755)
        let run = "/bin/sh /tmp/\(Plan.workDir)/package_update.sh \(shellQuoted(args.updateRepo))"
        return finish(generated(args, originalUser: originalUser, extraCopies: copies, run: run), context, args)
    }

    /// `yum_install.yml`: `yum_packages` installed from the repositories.
    static func planNamedInstall(_ args: Arguments, originalUser: String?, files: any InputFiles) throws -> Plan {
        guard !args.packages.isEmpty else {
            throw ModifyImageError.missing("yum_packages", "at least one package is required when tasks_from is yum_install")
        }
        var context = BuildContext()
        let copies = try addRepositories(args, to: &context, files: files)
        context.addFile("\(Plan.workDir)/package_install_named.sh", text: Scripts.packageInstallNamed, permissions: 0o755)
        let run = "/bin/sh /tmp/\(Plan.workDir)/package_install_named.sh " + args.packages.map(shellQuoted).joined(separator: " ")
        return finish(generated(args, originalUser: originalUser, extraCopies: copies, run: run), context, args)
    }

    /// Copies `yum_repos_dir_path` into the context and every `file://` repository it names to
    /// `repos/<path>` (copied to `/` in the image, as tripleo-modify-image does).
    /// - Returns: the extra `COPY` lines.
    static func addRepositories(_ args: Arguments, to context: inout BuildContext, files: any InputFiles) throws -> [String] {
        guard let dir = args.reposDirPath else { return [] }
        guard try files.isDirectory(dir) else { throw ModifyImageError.badInput("yum_repos_dir_path", "\(dir) is not a directory") }
        try context.addTree(dir, as: "\(Plan.workDir)/repos.d", from: files, parameter: "yum_repos_dir_path")
        var local: [String] = []
        for name in try files.sortedEntries(of: dir) where [".repo", ".list", ".sources"].contains(where: name.hasSuffix) {
            guard let bytes = try files.read(dir + "/" + name) else { continue }
            for path in RepositoryFiles.fileURLPaths(String(decoding: bytes, as: UTF8.self)) where !local.contains(path) {
                guard try files.isDirectory(path) else {
                    throw ModifyImageError.badInput("yum_repos_dir_path", "\(dir)/\(name) names file://\(path), which is not a directory")
                }
                local.append(path)
                try context.addTree(path, as: "repos" + path, from: files, parameter: "yum_repos_dir_path")
            }
        }
        return local.isEmpty ? [] : ["COPY repos /"]
    }
}
