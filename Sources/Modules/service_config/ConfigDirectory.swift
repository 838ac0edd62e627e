import JSON
import ModuleKit
import Platform

/// One entry of `directories`: created with its parents when missing (Ansible's `file: state=directory`),
/// then given `mode`, `owner` and `group`.
struct ConfigDirectory {
    let path: String
    let mode: FileMode?
    let owner: String?
    let group: String?
    let label: String

    init(_ item: Params, index: Int) throws(ModuleFailure) {
        let label = "directories[\(index)]"
        self.label = label
        path = item.text("path")
        mode = try item["mode"].flatMap { $0 == .null ? nil : $0 }.map { v throws(ModuleFailure) in try FileMode.parse(v, option: "\(label).mode") }
        owner = item.string("owner")
        group = item.string("group")
    }

    func ensure(on host: Host, into report: inout Report) throws {
        let files = host.files
        let old = try files.status(path)
        if let old, old.kind != .directory { throw ModuleFailure("\(label).path: \(path) exists and is not a directory") }
        let (uid, gid) = try files.ids(owner: owner, group: group, optionPrefix: "\(label).")
        let base = old?.permissions ?? (0o777 & ~files.umask)
        let permissions = try mode?.apply(to: base, isDirectory: true, option: "\(label).mode") ?? base
        defer { report.directories.insert(path) }

        guard let old else {
            report.actions.append("created directory \(path)")
            if host.diffMode {
                report.diffs.append(
                    Diff(
                        before: .object(["path": .string(path), "state": "absent"]),
                        after: .object(["path": .string(path), "state": "directory", "mode": .string(FileMode.octal(permissions))])))
            }
            guard !host.checkMode else { return }
            try files.createDirectory(path)
            if mode != nil { try files.setPermissions(path, permissions) }
            if uid != nil || gid != nil { try files.setOwner(path, uid: uid, gid: gid) }
            return
        }
        var before = JSONObject()
        var after = JSONObject()
        var changes: [String] = []
        if old.permissions != permissions {
            before["mode"] = .string(FileMode.octal(old.permissions))
            after["mode"] = .string(FileMode.octal(permissions))
            changes.append("mode \(FileMode.octal(permissions))")
        }
        if let uid, uid != old.uid {
            before["owner"] = .string(files.userName(old.uid))
            after["owner"] = .string(files.userName(uid))
            changes.append("owner \(files.userName(uid))")
        }
        if let gid, gid != old.gid {
            before["group"] = .string(files.groupName(old.gid))
            after["group"] = .string(files.groupName(gid))
            changes.append("group \(files.groupName(gid))")
        }
        guard !changes.isEmpty else { return }
        report.actions.append("set \(changes.joined(separator: ", ")) on directory \(path)")
        if host.diffMode {
            before["path"] = .string(path)
            after["path"] = .string(path)
            report.diffs.append(Diff(before: .object(before), after: .object(after)))
        }
        guard !host.checkMode else { return }
        if old.permissions != permissions { try files.setPermissions(path, permissions) }
        if (uid != nil && uid != old.uid) || (gid != nil && gid != old.gid) { try files.setOwner(path, uid: uid, gid: gid) }
    }
}
