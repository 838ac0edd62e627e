/// tripleo-common's `get_undercloud_registry()`: `getent hosts <short hostname>.ctlplane` → the
/// canonical name (second field) + `:8787`, else `localhost:8787`. Here the lookup reads the hosts
/// file text (the undercloud installer writes the ctlplane names into `/etc/hosts`), so no DNS
/// query leaves the machine.
public enum UndercloudRegistry {
    /// The registry for `hostname`, and a warning (tripleo-common's) when it falls back to `localhost:8787`.
    /// - Parameters:
    ///   - hostname: the machine's host name (only the part before the first `.` is used).
    ///   - hosts: the text of `/etc/hosts`, or `nil` when it cannot be read.
    public static func discover(hostname: String?, hosts: String?) -> (registry: String, warning: String?) {
        let short = hostname?.split(separator: ".").first.map(String.init) ?? ""
        let wanted = short + ".ctlplane"
        if !short.isEmpty, let hosts {
            for line in hosts.split(whereSeparator: \.isNewline) {
                let fields = (line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                    .split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard fields.count >= 2, fields.dropFirst().contains(where: { $0 == wanted }) else { continue }
                return ("\(fields[1]):8787", nil)
            }
        }
        return ("localhost:8787", "No entry for \(wanted) in /etc/hosts. Falling back to use the default (localhost) undercloud registry.")
    }
}
