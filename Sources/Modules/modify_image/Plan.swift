import Platform

/// A planned build: the Dockerfile, the context it is built with, and its build args.
struct Plan: Sendable, Equatable {
    /// The Dockerfile's name inside the context.
    var dockerfileName: String
    /// The generated Dockerfile.
    var dockerfile: String
    /// Everything sent to the daemon (the Dockerfile included).
    var context: BuildContext
    /// `ARG` values.
    var buildArgs: [String: String]

    /// Where the mode's files go inside the context (and `/tmp/<dir>` inside the image).
    static let workDir = "overcloud-modify"
}

/// Generates the Dockerfile and build context of each mode, as tripleo-modify-image's task files
/// do (see each `plan…` function), from the arguments, the source image's user and the inputs.
package enum Planner {
    /// The plan for `args.mode`.
    /// - Parameters:
    ///   - originalUser: the source image's `Config.User` (`""` for root by default); `nil` when not
    ///     known yet (check mode with the image not local): the Dockerfile then says so.
    ///   - files: where the inputs are read.
    /// - Throws: `ModifyImageError` naming the parameter at fault.
    static func plan(_ args: Arguments, originalUser: String?, files: any InputFiles) throws -> Plan {
        switch args.mode {
        case .modifyImage: return try planDockerfileDirectory(args, originalUser: originalUser, files: files)
        case .rpmInstall: return try planPackageInstall(args, originalUser: originalUser, files: files)
        case .yumUpdate: return try planPackageUpdate(args, originalUser: originalUser, files: files)
        case .yumInstall: return try planNamedInstall(args, originalUser: originalUser, files: files)
        case .devInstall: return try planDevInstall(args, originalUser: originalUser, files: files)
        case .patch: return try planPatch(args, originalUser: originalUser, files: files)
        }
    }

    // MARK: what every generated Dockerfile shares

    /// `FROM` + label + `USER root`, the copy of the work directory, one `RUN`, the user restored.
    static func generated(_ args: Arguments, originalUser: String?, extraCopies: [String] = [], run: String) -> String {
        var lines = [
            "FROM \(args.sourceImage)",
            "LABEL modified_append_tag=\(args.appendTag)",
            "USER root",
            "COPY \(Plan.workDir) /tmp/\(Plan.workDir)",
        ]
        lines += extraCopies
        lines.append("RUN \(run)")
        if let originalUser {
            lines.append("USER \(quoted(originalUser))")
        } else {
            lines.append("USER \"<the source image's user, read when it is pulled>\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Dockerfile double-quoted word (`"nova"`, `""`).
    static func quoted(_ word: String) -> String {
        "\"" + word.replacingAll("\\", "\\\\").replacingAll("\"", "\\\"") + "\""
    }

    /// A POSIX shell single-quoted word (container_patches quotes its paths with it too).
    package static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingAll("'", "'\\''") + "'"
    }

    static func finish(_ dockerfile: String, _ context: BuildContext, _ args: Arguments) -> Plan {
        var context = context
        context.addFile("Dockerfile", text: dockerfile)
        return Plan(dockerfileName: "Dockerfile", dockerfile: dockerfile, context: context, buildArgs: args.buildArgs)
    }

    /// `7` → `007`.
    static func format3(_ n: Int) -> String {
        let text = String(n)
        return text.count >= 3 ? text : String(repeating: "0", count: 3 - text.count) + text
    }
}

extension String {
    package func replacingAll(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
