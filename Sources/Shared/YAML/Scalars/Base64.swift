/// `!!binary` as Python's `base64.encodebytes` / `base64.decodebytes` do it.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// `base64.encodebytes`: a line break after every 76 output characters and at the end ("" for no bytes).
    static func encodeLines(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var lineLength = 0
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1: UInt8 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2: UInt8 = i + 2 < bytes.count ? bytes[i + 2] : 0
            let chunk = [
                alphabet[Int(b0 >> 2)],
                alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)],
                i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="),
                i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="),
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

    enum DecodeProblem: Error {
        case oneExtraCharacter(Int)
        case incorrectPadding
    }

    /// `binascii.a2b_base64` in non-strict mode: characters outside the alphabet are skipped, a complete pad
    /// sequence ends the data.
    static func decode(_ text: [UInt8]) -> Result<[UInt8], DecodeProblem> {
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
