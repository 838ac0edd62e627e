/// An `owner` value: `user`, `user:group`, or `user:` (group = user), as Kolla's `user_group()` splits it.
public struct Owner: Sendable, Equatable, CustomStringConvertible {
    /// The user name (or a numeric uid).
    public var user: String
    /// The group name (or a numeric gid).
    public var group: String

    /// An owner from its two parts.
    public init(user: String, group: String) {
        self.user = user
        self.group = group
    }

    /// Splits `text` at the first `:`; no `:` or an empty group means group = user.
    public init(parsing text: String) {
        if let colon = text.firstIndex(of: ":") {
            user = String(text[..<colon])
            let rest = String(text[text.index(after: colon)...])
            group = rest.isEmpty ? user : rest
        } else {
            user = text
            group = text
        }
    }

    /// `user:group`.
    public var description: String { "\(user):\(group)" }
}

/// Users and groups read straight from `<root>/etc/passwd` and `<root>/etc/group`.
///
/// The tool is a fully static binary in a busybox image, where glibc's NSS (`getpwnam`) cannot load its
/// modules, so the files are parsed here. A name is looked up first; an all-digit string that is no name
/// is taken as the numeric id (Kolla accepts names only).
public struct UserDatabase: Sendable, Equatable {
    private var usersByName: [String: UInt32] = [:]
    private var userNames: [UInt32: String] = [:]
    private var groupsByName: [String: UInt32] = [:]
    private var groupNames: [UInt32: String] = [:]

    /// A database from the texts of a passwd file (`name:x:uid:gid:…`) and a group file (`name:x:gid:…`).
    /// Malformed lines and comments are skipped; for a repeated name or id the first line wins, as NSS does.
    public init(passwd: String, group: String) {
        for (name, id) in Self.entries(passwd) {
            if usersByName[name] == nil { usersByName[name] = id }
            if userNames[id] == nil { userNames[id] = name }
        }
        for (name, id) in Self.entries(group) {
            if groupsByName[name] == nil { groupsByName[name] = id }
            if groupNames[id] == nil { groupNames[id] = name }
        }
    }

    private static func entries(_ text: String) -> [(String, UInt32)] {
        var result: [(String, UInt32)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 3, !fields[0].isEmpty, let id = UInt32(fields[2]) else { continue }
            result.append((String(fields[0]), id))
        }
        return result
    }

    /// The uid of a user name, or of an all-digit string; `nil` when unknown.
    public func uid(of user: String) -> UInt32? { usersByName[user] ?? UInt32(user) }

    /// The gid of a group name, or of an all-digit string; `nil` when unknown.
    public func gid(of group: String) -> UInt32? { groupsByName[group] ?? UInt32(group) }

    /// The user name of `uid`, or the number as text when no entry has it.
    public func userName(of uid: UInt32) -> String { userNames[uid] ?? String(uid) }

    /// The group name of `gid`, or the number as text when no entry has it.
    public func groupName(of gid: UInt32) -> String { groupNames[gid] ?? String(gid) }

    /// The numeric ids of `owner`.
    /// - Throws: `KollaError.userNotFound` naming the unknown user or group.
    public func resolve(_ owner: Owner) throws(KollaError) -> (uid: UInt32, gid: UInt32) {
        guard let uid = uid(of: owner.user) else {
            throw KollaError(.userNotFound, "user '\(owner.user)' is not in /etc/passwd")
        }
        guard let gid = gid(of: owner.group) else {
            throw KollaError(.userNotFound, "group '\(owner.group)' is not in /etc/group")
        }
        return (uid, gid)
    }
}
