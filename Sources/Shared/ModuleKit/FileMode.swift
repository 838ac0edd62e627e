public import JSON
import PythonCompat

/// Ansible's `mode` option: an octal string (`"0644"`, `"644"`), a number (taken as the mode
/// bits themselves, as YAML's `0644` arrives as 420), or symbolic (`u=rw,g=r,o=`, `a+x`, `u+X`).
public enum FileMode: Sendable, Equatable {
    case absolute(UInt32)
    case symbolic(String)

    /// Parses the option value; the error names the option and the problem.
    public static func parse(_ value: JSONValue, option: String = "mode") throws(ModuleFailure) -> FileMode {
        switch value {
        case .int(let i) where i >= 0 && i <= 0o7777: return .absolute(UInt32(i))
        case .string(let s):
            if !s.isEmpty, s.allSatisfy({ $0 >= "0" && $0 <= "7" }), let bits = UInt32(s, radix: 8), bits <= 0o7777 {
                return .absolute(bits)
            }
            let mode = FileMode.symbolic(s)
            _ = try mode.apply(to: 0, isDirectory: false, option: option)  // validates the syntax
            return mode
        default: break
        }
        throw ModuleFailure("\(option): \(PythonText.repr(value)) is not a valid mode: use octal like '0644' or symbolic like 'u=rw,g=r,o='")
    }

    /// The permission bits this mode gives a file that currently has `current`.
    public func apply(to current: UInt32, isDirectory: Bool, option: String = "mode") throws(ModuleFailure) -> UInt32 {
        switch self {
        case .absolute(let bits): return bits
        case .symbolic(let text):
            var mode = current
            for clause in text.split(separator: ",", omittingEmptySubsequences: false) {
                mode = try Self.applyClause(Substring(clause), to: mode, isDirectory: isDirectory, text: text, option: option)
            }
            return mode
        }
    }

    private static func applyClause(
        _ clause: Substring, to mode: UInt32, isDirectory: Bool, text: String, option: String
    ) throws(ModuleFailure) -> UInt32 {
        let bad = ModuleFailure("\(option): '\(text)' is not a valid symbolic mode (expected clauses like u=rw, g+x, o-w, a=r)")
        var rest = clause[...]
        var who: UInt32 = 0
        while let c = rest.first, "ugoa".contains(c) {
            switch c {
            case "u": who |= 0o4700
            case "g": who |= 0o2070
            case "o": who |= 0o1007
            default: who |= 0o7777
            }
            rest = rest.dropFirst()
        }
        if who == 0 { who = 0o7777 }
        guard let op = rest.first, "+-=".contains(op) else { throw bad }
        rest = rest.dropFirst()
        var perms: UInt32 = 0
        for c in rest {
            switch c {
            case "r": perms |= 0o444
            case "w": perms |= 0o222
            case "x": perms |= 0o111
            case "X": if isDirectory || mode & 0o111 != 0 { perms |= 0o111 }
            case "s": perms |= 0o6000
            case "t": perms |= 0o1000
            default: throw bad
            }
        }
        let bits = perms & who
        switch op {
        case "+": return mode | bits
        case "-": return mode & ~bits
        default: return (mode & ~(who & 0o777)) | bits
        }
    }

    /// `"0644"`: how Ansible reports a mode.
    public static func octal(_ bits: UInt32) -> String {
        let digits = String(bits, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
