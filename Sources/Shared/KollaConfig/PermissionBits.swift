/// A permission value from `config.json` (`perm`), as octal mode bits (`0o7777` at most). (Not
/// ModuleKit's `FileMode`, which is Ansible's `mode` option with its symbolic forms.)
///
/// Accepted spellings: `"0600"`, `"600"`, `"0o600"` (also `"0O600"`), `"2775"`; an integer is read by its
/// decimal digits as octal (`644` → `0o644`), since JSON has no octal literals.
/// Kolla differs here: it turns `"2775"` into `"2o775"` (a Python `ValueError`), reads `"600"` as decimal
/// 600, and in `--check` compares the *string* with the last four octal digits of `st_mode`, so only the
/// four-digit form ever matches. We parse every spelling as octal and compare numbers.
public struct PermissionBits: Sendable, Equatable, CustomStringConvertible {
    /// The mode bits, including setuid/setgid/sticky.
    public var bits: UInt32

    /// A mode of `bits` (masked to `0o7777`).
    public init(_ bits: UInt32) { self.bits = bits & 0o7777 }

    /// Parses a `perm` spelling; `nil` when it is not octal or above `0o7777`.
    public init?(parsing text: String) {
        var digits = Substring(text)
        if digits.hasPrefix("0o") || digits.hasPrefix("0O") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for ch in digits {
            guard let d = ch.wholeNumberValue, d < 8, ch.isASCII else { return nil }
            value = value * 8 + UInt32(d)
        }
        guard value <= 0o7777 else { return nil }
        bits = value
    }

    /// For a directory, a read bit brings the matching execute bit (Kolla's `set_perms` rule).
    public var forDirectory: PermissionBits {
        var b = bits
        if b & 0o400 != 0 { b |= 0o100 }
        if b & 0o040 != 0 { b |= 0o010 }
        if b & 0o004 != 0 { b |= 0o001 }
        return PermissionBits(b)
    }

    /// Four octal digits, as Kolla prints `oct(st_mode)[-4:]` (`0644`, `2775`).
    public var description: String {
        let text = String(bits, radix: 8)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
