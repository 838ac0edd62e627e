import Digest
public import JSON
import Platform

/// A file a module owns on the target, with Ansible's common file options (`mode`, `owner`,
/// `group`, `backup`). `update(to:on:)` decides, then does: it compares content and attributes,
/// and only outside check mode writes (atomically, after an optional backup).
public struct ManagedFile {
    public var path: String
    public var mode: FileMode?
    public var owner: String?
    public var group: String?
    public var backup: Bool

    public init(path: String, mode: FileMode? = nil, owner: String? = nil, group: String? = nil, backup: Bool = false) {
        self.path = path
        self.mode = mode
        self.owner = owner
        self.group = group
        self.backup = backup
    }

    /// Reads `dest`, `mode`, `owner`, `group` and `backup` from validated parameters.
    public init(params: Params, pathOption: String = "dest") throws(ModuleFailure) {
        self.path = params.string(pathOption) ?? ""
        self.mode = try params["mode"].map { v throws(ModuleFailure) in try FileMode.parse(v) }
        self.owner = params.string("owner")
        self.group = params.string("group")
        self.backup = params.bool("backup")
    }

    /// The file spec options every file-writing module shares.
    public static let options: [Param] = [
        .raw("mode"), .str("owner"), .str("group"), .bool("backup", default: false),
    ]

    /// Makes the file hold `bytes` with the requested attributes.
    /// - Returns: a result with `changed`, Ansible's file keys and, in diff mode, the diff.
    public func update(to bytes: [UInt8], on host: Host, option: String = "dest") throws -> ModuleResult {
        let files = host.files
        let parent = Paths.split(path).directory
        guard let parentStatus = try files.status(parent) else {
            // In check mode an earlier task (file: state=directory) may only have predicted the folder.
            guard host.checkMode else { throw ModuleFailure("\(option): parent directory \(parent) does not exist") }
            var result = ModuleResult(changed: true)
            result.warnings.append("\(option): parent directory \(parent) does not exist yet; a real run fails unless an earlier task creates it")
            setContentFields(of: bytes, in: &result)
            if host.diffMode { result.diff.append(.file(path, before: nil, after: String(decoding: bytes, as: UTF8.self))) }
            return result
        }
        guard parentStatus.kind == .directory else { throw ModuleFailure("\(option): \(parent) is not a directory") }
        let oldStatus = try files.status(path)
        if let oldStatus, oldStatus.kind == .directory { throw ModuleFailure("\(option): \(path) is a directory") }
        let old = oldStatus == nil ? nil : try files.read(path)

        let (uid, gid) = try files.ids(owner: owner, group: group)
        let basePermissions = oldStatus?.permissions ?? (0o666 & ~files.umask)
        let permissions = try mode?.apply(to: basePermissions, isDirectory: false) ?? basePermissions
        let contentChanged = old != bytes
        let attributesChanged =
            oldStatus.map { st in
                st.permissions != permissions || (uid != nil && st.uid != uid) || (gid != nil && st.gid != gid)
            } ?? false

        var result = ModuleResult(changed: contentChanged || attributesChanged)
        if !host.checkMode {
            if contentChanged {
                if backup, old != nil {
                    let backupPath = "\(path).\(Environment.processID).\(Environment.localTime(format: "%Y-%m-%d@%H:%M:%S~"))"
                    try files.copy(path, to: backupPath)
                    result.set("backup_file", .string(backupPath))
                }
                try files.write(bytes, to: path, permissions: mode == nil && oldStatus == nil ? nil : permissions, uid: uid, gid: gid)
            } else if attributesChanged {
                if oldStatus?.permissions != permissions { try files.setPermissions(path, permissions) }
                if uid != nil || gid != nil { try files.setOwner(path, uid: uid, gid: gid) }
            }
        }
        let final = host.checkMode ? nil : try files.status(path)
        let finalUID = final?.uid ?? uid ?? oldStatus?.uid
        let finalGID = final?.gid ?? gid ?? oldStatus?.gid
        setContentFields(of: bytes, in: &result)
        result.set("mode", .string(FileMode.octal(final?.permissions ?? permissions)))
        if let finalUID {
            result.set("uid", .int(Int(finalUID)))
            result.set("owner", .string(files.userName(finalUID)))
        }
        if let finalGID {
            result.set("gid", .int(Int(finalGID)))
            result.set("group", .string(files.groupName(finalGID)))
        }
        if host.diffMode {
            if contentChanged || oldStatus == nil {
                result.diff.append(
                    .file(path, before: old.map { String(decoding: $0, as: UTF8.self) }, after: String(decoding: bytes, as: UTF8.self)))
            }
            if attributesChanged, let oldStatus {
                result.diff.append(attributeDiff(oldStatus, permissions: permissions, uid: uid, gid: gid, files: files))
            }
        }
        return result
    }

    /// Ansible's file keys that depend only on the path and the new content.
    private func setContentFields(of bytes: [UInt8], in result: inout ModuleResult) {
        result.set("dest", .string(path))
        result.set("checksum", .string(SHA1.hex(bytes)))
        result.set("size", .int(bytes.count))
        result.set("state", .string("file"))
    }

    private func attributeDiff(_ old: FileStatus, permissions: UInt32, uid: UInt32?, gid: UInt32?, files: any FileSystem) -> Diff {
        var before = JSONObject()
        var after = JSONObject()
        before["path"] = .string(path)
        after["path"] = .string(path)
        if old.permissions != permissions {
            before["mode"] = .string(FileMode.octal(old.permissions))
            after["mode"] = .string(FileMode.octal(permissions))
        }
        if let uid, uid != old.uid {
            before["owner"] = .string(files.userName(old.uid))
            after["owner"] = .string(files.userName(uid))
        }
        if let gid, gid != old.gid {
            before["group"] = .string(files.groupName(old.gid))
            after["group"] = .string(files.groupName(gid))
        }
        return Diff(before: .object(before), after: .object(after))
    }
}
