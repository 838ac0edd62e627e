/// How Python reads and prints text, the one home for every library that must match it: `repr(str)`
/// and `repr(bytes)` (messages, YAML, INI) and the `str` semantics the INI format depends on, over
/// Unicode scalars (Python indexes strings by code point; Swift `Character`s would merge `\r\n` and
/// combining marks, and `String ==` would equate canonically equivalent spellings).
public enum PythonText {
    /// `str.isspace()`: the code points `str.strip()`/`rstrip()`/`lstrip()` remove.
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A,
            0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            true
        default:
            false
        }
    }

    /// `str.rstrip()`.
    public static func rstrip(_ text: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var end = text.endIndex
        while end > text.startIndex, isSpace(text[end - 1]) { end -= 1 }
        return text[text.startIndex..<end]
    }

    /// `str.lstrip()`.
    public static func lstrip(_ text: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var start = text.startIndex
        while start < text.endIndex, isSpace(text[start]) { start += 1 }
        return text[start..<text.endIndex]
    }

    /// `str.strip()`.
    public static func strip(_ text: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        rstrip(lstrip(text))
    }

    /// Builds a `String` from exactly these scalars.
    public static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// The lines Python yields when it reads `text` from a file opened in text mode
    /// (universal newlines: `\r\n`, `\r` and `\n` all end a line), without terminators.
    /// A final empty segment after the last terminator is not a line.
    public static func lines(_ text: String) -> [ArraySlice<Unicode.Scalar>] {
        let scalars = Array(text.unicodeScalars)
        var lines: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        var index = 0
        while index < scalars.count {
            switch scalars[index] {
            case "\n":
                lines.append(scalars[start..<index])
                index += 1
                start = index
            case "\r":
                lines.append(scalars[start..<index])
                index += 1
                if index < scalars.count, scalars[index] == "\n" { index += 1 }
                start = index
            default:
                index += 1
            }
        }
        if start < scalars.count { lines.append(scalars[start...]) }
        return lines
    }

    /// `repr(str)`: single quotes unless the text contains `'` and no `"`; backslash, the
    /// chosen quote, `\t` `\n` `\r` escaped; other non-printable code points as `\xhh`,
    /// `\uhhhh` or `\Uhhhhhhhh` (lowercase hex).
    public static func repr(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let quote: Unicode.Scalar = scalars.contains("'") && !scalars.contains("\"") ? "\"" : "'"
        var out = String.UnicodeScalarView()
        out.append(quote)
        for scalar in scalars {
            switch scalar {
            case quote, "\\":
                out.append("\\")
                out.append(scalar)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out.append(contentsOf: hexEscape(scalar.value, prefix: "x", digits: 2).unicodeScalars)
                } else if scalar.value < 0x7F || isPrintable(scalar) {
                    out.append(scalar)
                } else if scalar.value <= 0xFF {
                    out.append(contentsOf: hexEscape(scalar.value, prefix: "x", digits: 2).unicodeScalars)
                } else if scalar.value <= 0xFFFF {
                    out.append(contentsOf: hexEscape(scalar.value, prefix: "u", digits: 4).unicodeScalars)
                } else {
                    out.append(contentsOf: hexEscape(scalar.value, prefix: "U", digits: 8).unicodeScalars)
                }
            }
        }
        out.append(quote)
        return String(out)
    }

    /// `repr(bytes)`: `b'…'`, quotes chosen as for `str`; bytes outside printable ASCII as `\xhh`.
    public static func repr(bytes: [UInt8]) -> String {
        let quote: UInt8 = bytes.contains(UInt8(ascii: "'")) && !bytes.contains(UInt8(ascii: "\"")) ? 0x22 : 0x27
        var out = "b" + String(UnicodeScalar(quote))
        for b in bytes {
            switch b {
            case quote, UInt8(ascii: "\\"): out += "\\" + String(UnicodeScalar(b))
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x20..<0x7F: out += String(UnicodeScalar(b))
            default: out += "\\x" + hexDigits(UInt32(b), 2)
            }
        }
        return out + String(UnicodeScalar(quote))
    }

    /// The Unicode version of Python 3.12's `unicodedata` (the reference Kolla-Ansible 23
    /// runtime). Code points assigned later count as unassigned (`Cn`), as they do there.
    public static let unicodeVersion: Unicode.Version = (major: 15, minor: 0)

    /// `str.isprintable()` for one non-ASCII code point: not in categories
    /// Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        guard let age = scalar.properties.age,
            (age.major, age.minor) <= (unicodeVersion.major, unicodeVersion.minor)
        else { return false }
        return switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned,
            .lineSeparator, .paragraphSeparator, .spaceSeparator:
            false
        default:
            true
        }
    }

    private static func hexEscape(_ value: UInt32, prefix: String, digits: Int) -> String {
        "\\" + prefix + hexDigits(value, digits)
    }

    /// Lower-case hex, zero-padded to `digits`.
    private static func hexDigits(_ value: UInt32, _ digits: Int) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - hex.count)) + hex
    }
}
