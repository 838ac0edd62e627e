/// Base64 encoding (RFC 4648) for header values; no decoder is needed.
enum Base64 {
    /// `bytes` in the URL-safe alphabet (`-`, `_`) with `=` padding, as Docker decodes `X-Registry-Auth`
    /// (docker-py's `urlsafe_b64encode`).
    static func urlEncoded(_ bytes: [UInt8]) -> String {
        encode(bytes, alphabet: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8))
    }

    /// `bytes` in the standard alphabet (`+`, `/`) with `=` padding.
    static func standardEncoded(_ bytes: [UInt8]) -> String {
        encode(bytes, alphabet: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8))
    }

    private static func encode(_ bytes: [UInt8], alphabet: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            var group = 0
            for offset in 0..<3 { group = group << 8 | (offset < count ? Int(bytes[index + offset]) : 0) }
            for position in 0..<4 {
                out.append(position <= count ? alphabet[(group >> (18 - 6 * position)) & 0x3F] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
