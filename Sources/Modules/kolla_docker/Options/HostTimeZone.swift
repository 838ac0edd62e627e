import Platform

/// The host's time zone as Kolla injects it (`TZ`): `/etc/timezone`, else the zone name in the
/// `/etc/localtime` link, else `UTC`.
enum HostTimeZone {
    static func current() -> String {
        if let bytes = try? Files.readIfPresent("/etc/timezone") {
            let name = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isWhitespace).first.map(String.init)
            if let name, !name.isEmpty { return name }
        }
        if let target = try? Files.readLink("/etc/localtime"), let range = target.firstRange(of: "zoneinfo/") {
            let name = String(target[range.upperBound...])
            if !name.isEmpty { return name }
        }
        return "UTC"
    }
}
