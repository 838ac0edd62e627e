import ImagePrepare
import ModuleKit
import Platform
import YAML

/// The `log_file`: tripleo-ansible's module logs the resulting parameters as
/// `yaml.safe_dump(params, default_flow_style=False)`; with `debug`, also what each entry selected
/// and each upload task. Lines are appended.
enum PrepareLog {
    static func append(to path: String, on files: any FileSystem, args: Arguments, result: ImagePreparation.Result) throws {
        let stamp = Environment.localTime(format: "%Y-%m-%d %H:%M:%S")
        let prefix = "\(stamp) \(Environment.processID) INFO container_image_prepare [  ] "
        var text = ""
        if args.debug {
            for (index, count) in result.selectedPerEntry.enumerated() {
                text += prefix.replacingFirst("INFO", "DEBUG") + "ContainerImagePrepare[\(index)]: \(count) image(s) selected\n"
            }
            for task in result.uploads {
                text +=
                    prefix.replacingFirst("INFO", "DEBUG") + "upload \(task.sourceImage) -> \(task.targetImage)"
                    + (task.modification.map { " (modify_role \($0.role))" } ?? "") + "\n"
            }
        }
        text += prefix + YAML.dump(result.params.yaml)
        if !text.hasSuffix("\n") { text += "\n" }
        var bytes: [UInt8]
        do {
            bytes = try files.read(path) ?? []
        } catch {
            throw ModuleFailure("log_file: \(path): \(error)")
        }
        bytes += Array(text.utf8)
        do {
            try files.write(bytes, to: path, permissions: nil, uid: nil, gid: nil)
        } catch {
            throw ModuleFailure("log_file: \(path): \(error)")
        }
    }
}

extension PrepareLog {
    /// Appends the copier's progress lines (timestamped like the other log lines).
    static func appendLines(_ lines: [String], to path: String, on files: any FileSystem) throws {
        let stamp = Environment.localTime(format: "%Y-%m-%d %H:%M:%S")
        let prefix = "\(stamp) \(Environment.processID) INFO container_image_prepare [  ] "
        var bytes: [UInt8]
        do {
            bytes = try files.read(path) ?? []
            bytes += Array(lines.map { prefix + $0 + "\n" }.joined().utf8)
            try files.write(bytes, to: path, permissions: nil, uid: nil, gid: nil)
        } catch {
            throw ModuleFailure("log_file: \(path): \(error)")
        }
    }
}

extension String {
    func replacingFirst(_ target: String, _ replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }
}
