import JSON
import ModuleKit
import Platform

/// The `openstack tripleo container image hotfix` face of `modify_image`:
///
///     overcloud-deploy modify_image hotfix --image IMAGE [--image IMAGE…] --rpms-path DIR [--tag TAG] [--check]
///     modify_image hotfix …                (the binary run under the module's name)
///
/// Each image gets the `rpm_install` flow with `modified_append_tag: -<TAG>` (default tag
/// `latest`), always rebuilt (`force`), never pushed, as upstream. Prints one JSON object with
/// one result per image; exits 1 when any image failed.
enum HotfixCommand {
    /// The `hotfix` verb of `modify_image`.
    static let subcommand = Subcommand("hotfix") { words in respond(to: words, files: LocalFileSystem()) }

    /// The output and exit status for the words after `hotfix`.
    static func respond(to words: [String], files: any FileSystem) -> CommandReply {
        switch parse(words) {
        case .failure(let message):
            return CommandReply(stdout: JSONWriter(indent: 4).write(.object(ModuleExecution.failure(message))) + "\n", status: 1)
        case .success(let request):
            var results: [JSONValue] = []
            var failed = false
            var changed = false
            for image in request.images {
                var object: JSONObject = [
                    "tasks_from": .string("rpm_install.yml"), "source_image": .string(image), "rpms_path": .string(request.rpmsPath),
                    "modified_append_tag": .string("-" + request.tag), "force": .bool(true),
                    "_ansible_module_name": .string(ModifyImage.name), "_ansible_check_mode": .bool(request.check),
                ]
                object["_ansible_diff"] = .bool(false)
                let result = ModuleExecution.run(ModifyImage.self, Invocation(object), files: files)
                failed = failed || result["failed"]?.boolValue == true
                changed = changed || result["changed"]?.boolValue == true
                results.append(.object(result))
            }
            var summary: JSONObject = ["changed": .bool(changed), "results": .array(results)]
            if failed {
                summary["failed"] = .bool(true)
                summary["msg"] = .string("hotfix failed for at least one image (see results)")
            }
            return CommandReply(stdout: JSONWriter(indent: 4).write(.object(summary)) + "\n", status: failed ? 1 : 0)
        }
    }

    struct Request: Equatable {
        var images: [String] = []
        var rpmsPath = ""
        var tag = "latest"
        var check = false
    }

    enum Parsed: Equatable {
        case success(Request)
        case failure(String)
    }

    /// `--image` (repeatable, required), `--rpms-path` (required), `--tag`, `--check`; `--opt=value` also accepted.
    static func parse(_ words: [String]) -> Parsed {
        var request = Request()
        var scanner = CommandWords(words)
        while let (_, word, inline) = scanner.next() {
            if word == "--check" {
                request.check = true
                continue
            }
            guard ["--image", "--rpms-path", "--tag"].contains(word) else {
                return .failure(
                    "hotfix: unknown argument '\(word)' (usage: hotfix --image IMAGE [--image IMAGE...] --rpms-path DIR [--tag TAG] [--check])")
            }
            guard let text = scanner.value(inline: inline) else { return .failure("hotfix: \(word) needs a value") }
            switch word {
            case "--image": request.images.append(text)
            case "--rpms-path": request.rpmsPath = text
            default: request.tag = text
            }
        }
        if request.images.isEmpty { return .failure("hotfix: --image is required (repeat it for several images)") }
        if request.rpmsPath.isEmpty { return .failure("hotfix: --rpms-path is required") }
        return .success(request)
    }
}
