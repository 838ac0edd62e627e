import ModuleKit

/// The unified diff (`diff -ruN --no-dereference`) a check-mode config container writes to
/// `<check prefix>/<volume>.diff`, with the container's paths turned back into the host's.
enum CheckModeDiff {
    /// The diff for `volume`, or `nil` when the container wrote none (it failed).
    static func read(volume: String, livePrefix: String, runPrefix: String, files: any FileSystem) -> String? {
        guard let bytes = try? files.read("\(runPrefix)/\(volume).diff") else { return nil }
        return relabel(String(decoding: bytes, as: UTF8.self), volume: volume, livePrefix: livePrefix, runPrefix: runPrefix)
    }

    /// Replaces the container paths in the header lines (`diff `, `--- `, `+++ `, `Only in `,
    /// `Binary files `): the live mount (or the empty stand-in for a missing live tree) becomes
    /// `<live>/puppet-generated/<volume>`, the generated tree `<check prefix>/puppet-generated/<volume>`.
    static func relabel(_ text: String, volume: String, livePrefix: String, runPrefix: String) -> String {
        let live = "\(livePrefix)/puppet-generated/\(volume)"
        let replacements = [
            (ConfigContainer.liveMount, live),
            ("/tmp/config-data-live-absent", live),
            ("/var/lib/config-data/puppet-generated/\(volume)", "\(runPrefix)/puppet-generated/\(volume)"),
        ]
        let headers = ["diff ", "--- ", "+++ ", "Only in ", "Binary files "]
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var out = String(line)
            if headers.contains(where: { out.hasPrefix($0) }) {
                for (from, to) in replacements { out = replace(from, with: to, in: out) }
            }
            lines.append(out)
        }
        return lines.joined(separator: "\n")
    }

    /// `text` with every `target` replaced by `replacement` (left to right, no overlaps).
    static func replace(_ target: String, with replacement: String, in text: String) -> String {
        let needle = Array(target.utf8)
        let bytes = Array(text.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return text }
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if index + needle.count <= bytes.count, bytes[index..<index + needle.count].elementsEqual(needle) {
                out.append(contentsOf: replacement.utf8)
                index += needle.count
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
