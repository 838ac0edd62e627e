#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// User and group lookups through NSS (`getpwnam_r`, `getgrnam_r`, …).
public enum Users {
    /// The uid for a user name, or for a numeric string; `nil` when unknown.
    public static func uid(named name: String) -> UInt32? {
        if let numeric = UInt32(name) { return numeric }
        return withPasswd(name: name) { $0.pw_uid }
    }

    /// The gid for a group name, or for a numeric string; `nil` when unknown.
    public static func gid(named name: String) -> UInt32? {
        if let numeric = UInt32(name) { return numeric }
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16384)
        let rc = getgrnam_r(name, &entry, &buffer, buffer.count, &result)
        guard rc == 0, result != nil else { return nil }
        return entry.gr_gid
    }

    /// The user name for a uid, or the number as text.
    public static func name(ofUID uid: UInt32) -> String {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16384)
        guard getpwuid_r(uid_t(uid), &entry, &buffer, buffer.count, &result) == 0, result != nil,
            let name = entry.pw_name
        else { return String(uid) }
        return String(cString: name)
    }

    /// The group name for a gid, or the number as text.
    public static func name(ofGID gid: UInt32) -> String {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16384)
        guard getgrgid_r(gid_t(gid), &entry, &buffer, buffer.count, &result) == 0, result != nil,
            let name = entry.gr_name
        else { return String(gid) }
        return String(cString: name)
    }

    /// The home directory of a uid from the passwd database.
    public static func home(ofUID uid: UInt32) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16384)
        guard getpwuid_r(uid_t(uid), &entry, &buffer, buffer.count, &result) == 0, result != nil,
            let dir = entry.pw_dir
        else { return nil }
        return String(cString: dir)
    }

    /// The home directory of a user name (for `~name` expansion).
    public static func home(ofUser name: String) -> String? {
        withPasswd(name: name) { entry in entry.pw_dir.map { String(cString: $0) } } ?? nil
    }

    private static func withPasswd<T>(name: String, _ body: (passwd) -> T) -> T? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16384)
        guard getpwnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return body(entry)
    }
}
