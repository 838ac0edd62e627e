/// Base64 (RFC 4648), the one home: standard and URL-safe encoding (registry `Authorization`,
/// Docker's `X-Registry-Auth`), the lenient decoding of Docker's stored logins, and Python's
/// `base64.encodebytes` / `binascii.a2b_base64` for YAML's `!!binary`.
public enum Base64 {
    private static let standard = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// `bytes` in the URL-safe alphabet (`-`, `_`) with `=` padding, as Docker decodes `X-Registry-Auth`
    /// (docker-py's `urlsafe_b64encode`).
    public static func urlEncoded(_ bytes: [UInt8]) -> String {
        encode(bytes, alphabet: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8))
    }

    /// `bytes` in the standard alphabet (`+`, `/`) with `=` padding.
    public static func standardEncoded(_ bytes: [UInt8]) -> String {
        encode(bytes, alphabet: standard)
    }

    /// The bytes of standard or URL-safe base64 text (padding optional); `nil` for anything else
    /// (the `auth` of Docker's stored logins).
    public static func decode(_ text: String) -> [UInt8]? {
        var bits = 0
        var count = 0
        var out: [UInt8] = []
        for byte in text.utf8 {
            let value: Int
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = Int(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = Int(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"), UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): value = 63
            case UInt8(ascii: "="): continue
            default: return nil
            }
            bits = (bits << 6 | value) & 0xFFFFFF
            count += 6
            if count >= 8 {
                count -= 8
                out.append(UInt8((bits >> count) & 0xFF))
            }
        }
        return out
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

    /// `base64.encodebytes`: a line break after every 76 output characters and at the end ("" for no bytes).
    public static func encodeLines(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var lineLength = 0
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1: UInt8 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2: UInt8 = i + 2 < bytes.count ? bytes[i + 2] : 0
            let chunk = [
                standard[Int(b0 >> 2)],
                standard[Int((b0 & 0x03) << 4 | b1 >> 4)],
                i + 1 < bytes.count ? standard[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="),
                i + 2 < bytes.count ? standard[Int(b2 & 0x3F)] : UInt8(ascii: "="),
            ]
            out += chunk
            lineLength += 4
            if lineLength == 76 {
                out.append(0x0A)
                lineLength = 0
            }
            i += 3
        }
        if lineLength > 0 { out.append(0x0A) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Why ``pythonDecode(_:)`` refused its text (`binascii.Error`).
    public enum DecodeProblem: Error, Equatable {
        case oneExtraCharacter(Int)
        case incorrectPadding
    }

    /// `binascii.a2b_base64` in non-strict mode: characters outside the alphabet are skipped, a complete pad
    /// sequence ends the data.
    public static func pythonDecode(_ text: [UInt8]) -> Result<[UInt8], DecodeProblem> {
        var out: [UInt8] = []
        var quadPos = 0
        var leftChar: UInt32 = 0
        var pads = 0
        var dataChars = 0
        for c in text {
            if c == UInt8(ascii: "=") {
                if quadPos >= 2 {
                    pads += 1
                    if quadPos + pads >= 4 {
                        quadPos = 0
                        break
                    }
                }
                continue
            }
            guard let v = value(of: c) else { continue }
            pads = 0
            dataChars += 1
            switch quadPos {
            case 0:
                leftChar = v
                quadPos = 1
            case 1:
                out.append(UInt8((leftChar << 2 | v >> 4) & 0xFF))
                leftChar = v & 0x0F
                quadPos = 2
            case 2:
                out.append(UInt8((leftChar << 4 | v >> 2) & 0xFF))
                leftChar = v & 0x03
                quadPos = 3
            default:
                out.append(UInt8((leftChar << 6 | v) & 0xFF))
                leftChar = 0
                quadPos = 0
            }
        }
        if quadPos == 1 { return .failure(.oneExtraCharacter(dataChars)) }
        if quadPos != 0 { return .failure(.incorrectPadding) }
        return .success(out)
    }

    private static func value(of c: UInt8) -> UInt32? {
        switch c {
        case 0x41...0x5A: UInt32(c - 0x41)
        case 0x61...0x7A: UInt32(c - 0x61 + 26)
        case 0x30...0x39: UInt32(c - 0x30 + 52)
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
