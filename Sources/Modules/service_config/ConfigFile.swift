import JSON
import MergeConfigs
import ModuleKit
import Platform

/// One entry of `files`: its text (`content`, or the `ini` texts merged as `merge_configs` does), written with
/// `ManagedFile`. A `secret` file's content never reaches the output: no text diff, and a parse error of its
/// INI texts names only the text's index, never the offending line.
struct ConfigFile {
    let dest: String
    let content: String?
    let ini: [String]?
    let whitespace: Bool
    let secret: Bool
    let file: ManagedFile
    let label: String

    init(_ item: Params, index: Int) throws(ModuleFailure) {
        dest = item.text("dest")
        label = "files[\(index)]"
        content = item.string("content")
        ini = item["ini"]?.arrayValue?.compactMap(\.stringValue)
        whitespace = item.bool("whitespace")
        secret = item.bool("secret")
        let mode = try item["mode"].flatMap { $0 == .null ? nil : $0 }.map { v throws(ModuleFailure) in
            try FileMode.parse(v, option: "files[\(index)].mode")
        }
        file = ManagedFile(path: dest, mode: mode, owner: item.string("owner"), group: item.string("group"))
    }

    /// The bytes the file must hold.
    func bytes() throws(ModuleFailure) -> [UInt8] {
        guard let ini else { return Array((content ?? "").utf8) }
        let sources = ini.enumerated().map { SourceTexts.Source(name: "ini[\($0.offset)]", text: $0.element) }
        do throws(ModuleFailure) {
            return try MergeConfigs.merged(sources, whitespace: whitespace)
        } catch {
            guard secret else { throw ModuleFailure("\(label) (\(dest)): \(error.msg)") }
            let index = error.msg.prefix { $0 != ":" }
            throw ModuleFailure("\(label) (\(dest)): \(index): not valid INI (a secret file: the line is not shown)")
        }
    }

    func write(on host: Host, into report: inout Report) throws {
        let bytes = try bytes()
        let files = host.files
        let parent = Paths.split(dest).directory
        let existed = try files.status(dest) != nil
        if host.checkMode, try files.status(parent) == nil, report.directories.contains(parent) {
            // A new file in a directory this task creates (check mode only predicts the directory).
            report.actions.append("created \(dest)")
            if host.diffMode { report.diffs.append(diff(before: nil, after: bytes)) }
            return
        }
        var fileHost = host
        fileHost.diffMode = host.diffMode && !secret
        let result: ModuleResult
        do {
            result = try file.update(to: bytes, on: fileHost, option: "dest")
        } catch let failure as ModuleFailure {
            throw ModuleFailure("\(label) (\(dest)): \(failure.msg)")
        }
        guard result.changed else { return }
        report.actions.append(existed ? "updated \(dest)" : "created \(dest)")
        if secret {
            if host.diffMode { report.diffs.append(diff(before: existed ? [] : nil, after: bytes)) }
        } else {
            report.diffs += result.diff
        }
    }

    /// The diff of a file the task creates or (secret) changes; a secret's text is replaced by a marker.
    private func diff(before: [UInt8]?, after: [UInt8]) -> Diff {
        guard secret else {
            return .file(dest, before: before.map { String(decoding: $0, as: UTF8.self) }, after: String(decoding: after, as: UTF8.self))
        }
        let hidden = "(secret content not shown)\n"
        return Diff(
            before: .string(before == nil ? "" : "(previous secret content not shown)\n"), after: .string(hidden),
            beforeHeader: before == nil ? "\(dest) (absent)" : dest, afterHeader: dest)
    }
}
