import ImagePrepare
import JSON
import ModuleKit
import YAML

/// The module's parameters, typed once.
struct Arguments {
    var mode: PrepareMode
    var environment: YAMLValue
    var roles: [YAMLValue]
    var cleanup: String
    var dryRun: Bool
    var logFile: String?
    var debug: Bool
    var outputEnvFile: String?
    var backup: Bool
    var concurrency: Int?
    var imageMap: String
    var undercloudRegistry: String?
    var insecureRegistries: Set<String>
    var noVerifyRegistries: Set<String>
    var caFile: String?
    var localPushDestination: Bool
    var enableRegistryLogin: Bool
    var progress: Bool

    init(_ params: Params) throws(ModuleFailure) {
        mode = PrepareMode(rawValue: params.text("mode")) ?? .prepare
        environment = YAMLValue(json: .object(params.object("environment")))
        roles = params.list("roles_data").map(YAMLValue.init(json:))
        cleanup = params.text("cleanup")
        dryRun = params.bool("dry_run")
        logFile = params.string("log_file")
        debug = params.bool("debug")
        outputEnvFile = params.string("output_env_file")
        backup = params.bool("backup")
        concurrency = params.int("concurrency")
        if let concurrency, concurrency < 1 { throw ModuleFailure("concurrency: must be at least 1, got \(concurrency)") }
        imageMap = params.text("image_map")
        undercloudRegistry = params.string("undercloud_registry").flatMap { $0.isEmpty ? nil : $0 }
        insecureRegistries = Set(params.strings("insecure_registries"))
        noVerifyRegistries = Set(params.strings("no_verify_registries"))
        caFile = params.string("ca_file").flatMap { $0.isEmpty ? nil : $0 }
        localPushDestination = params.bool("local_push_destination")
        enableRegistryLogin = params.bool("enable_registry_login")
        progress = params.bool("progress")
    }

    /// The image map: a built-in name, else a file on the target.
    func loadMap(from files: any FileSystem) throws -> ImageMap {
        do {
            if let map = try ImageMap.builtin(imageMap) { return map }
            guard let bytes = try files.read(imageMap) else {
                throw ModuleFailure(
                    "image_map: '\(imageMap)' is neither a built-in map (\(ImageMap.builtinNames.joined(separator: ", "))) nor an existing file")
            }
            return try ImageMap(yaml: String(decoding: bytes, as: UTF8.self), name: imageMap)
        } catch let error as ImagePrepareError {
            throw ModuleFailure("image_map: \(error)")
        }
    }
}
