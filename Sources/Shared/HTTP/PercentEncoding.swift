/// Percent-encoding (RFC 3986) for request targets: UTF-8 bytes outside the allowed set become `%XX`.
public enum PercentEncoding {
    /// For a query name or value: only unreserved characters (`A-Z a-z 0-9 - . _ ~`) stay.
    public static func queryComponent(_ text: String) -> String {
        encode(text) { isUnreserved($0) }
    }

    /// For one path segment (a container or volume name): unreserved, sub-delims, `:` and `@` stay; `/` is encoded.
    public static func pathSegment(_ text: String) -> String {
        encode(text) { isUnreserved($0) || isSubDelim($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "@") }
    }

    /// For a path that may contain `/` (an image name such as `quay.io/openstack.kolla/nova-api:2023.1`).
    public static func path(_ text: String) -> String {
        encode(text) {
            isUnreserved($0) || isSubDelim($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "/")
        }
    }

    private static func encode(_ text: String, keeping allowed: (UInt8) -> Bool) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if allowed(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
        }
    }

    private static func isSubDelim(_ byte: UInt8) -> Bool {
        "!$&'()*+,;=".utf8.contains(byte)
    }
}
