import JSON
import ModuleKit
import Platform

/// The module's parameters, typed once.
struct Arguments: Sendable {
    var mode: Mode
    var sourceImage: String
    var targetImage: String?
    var appendTag: String
    var modifyDirPath: String?
    var rpmsPath: String?
    var updateRepo: String
    var reposDirPath: String?
    var packages: [String]
    var pythonDirs: [String]
    var patches: [String]
    var patchPath: String?
    var buildArgs: [String: String]
    var push: Bool
    var force: Bool
    var registryUsername: String?
    var registryPassword: String?
    var dockerHost: String?
    var apiVersion: String
    var timeoutSeconds: Int

    /// - Parameter now: the default append tag's time source (tests pass a fixed one).
    init(_ params: Params, now: () -> String = { Environment.localTime(format: "%Y%m%d%H%M%S") }) throws(ModuleFailure) {
        let tasksFrom = params.text("tasks_from")
        guard let mode = Mode(tasksFrom: tasksFrom) else {
            throw ModuleFailure("tasks_from: '\(tasksFrom)' is none of \(Mode.choices.joined(separator: ", "))")
        }
        self.mode = mode
        sourceImage = params.text("source_image")
        guard !sourceImage.isEmpty else { throw ModuleFailure("source_image: must be a non-empty image reference") }
        targetImage = params.string("target_image").flatMap { $0.isEmpty ? nil : $0 }
        appendTag = params.string("modified_append_tag") ?? "-modified-\(now())"
        modifyDirPath = params.string("modify_dir_path").flatMap { $0.isEmpty ? nil : $0 }
        rpmsPath = params.string("rpms_path").flatMap { $0.isEmpty ? nil : $0 }
        updateRepo = params.text("update_repo")
        reposDirPath = params.string("yum_repos_dir_path").flatMap { $0.isEmpty ? nil : $0 }
        packages = params.strings("yum_packages").filter { !$0.isEmpty }
        pythonDirs = params.strings("python_dir")
        patches = params.strings("patches")
        patchPath = params.string("patch_path").flatMap { $0.isEmpty ? nil : $0 }
        buildArgs = (params.object("build_args")).reduce(into: [:]) { map, item in
            map[item.key] = item.value.stringValue ?? JSONWriter().write(item.value)
        }
        push = params.bool("push")
        force = params.bool("force")
        registryUsername = params.string("registry_username")
        registryPassword = params.string("registry_password")
        dockerHost = params.string("docker_host")
        apiVersion = params.text("api_version")
        timeoutSeconds = params.number("timeout")
        guard timeoutSeconds >= 1 else { throw ModuleFailure("timeout: must be at least 1 second, got \(timeoutSeconds)") }
        if !params.list("refspecs").isEmpty {
            throw ModuleFailure(
                "refspecs: fetching Gerrit changes needs network access to review.opendev.org, which this module does not do; check the change out locally and pass the directory in python_dir"
            )
        }
        if (registryUsername == nil) != (registryPassword == nil) {
            throw ModuleFailure("registry_username and registry_password: give both or neither")
        }
    }

    /// `<target_image or source_image><modified_append_tag>`.
    func targetReference() throws(ModifyImageError) -> String {
        try ImageTag.target(base: targetImage ?? sourceImage, appendTag: appendTag)
    }
}
