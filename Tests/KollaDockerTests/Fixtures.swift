import JSON
import ModuleKit
import Testing

@testable import KollaDocker

/// Builders for comparison tests: desired specs from option dicts, and `docker inspect` replies
/// assembled from the few fields a test cares about.
enum Fixtures {
    static let imageID = "sha256:1111111111111111111111111111111111111111111111111111111111111111"
    static let otherImageID = "sha256:2222222222222222222222222222222222222222222222222222222222222222"

    /// A desired container straight from merged options (no spec validation, so Kolla's test
    /// values outside `choices`, like `ipc_mode: data`, can be used). TZ is `UTC`.
    static func desired(_ options: JSONObject) throws -> ContainerSpec {
        var o = options
        if o["name"] == nil { o["name"] = "test_container" }
        return try ContainerSpec(o, timeZone: { "UTC" })
    }

    /// Task arguments validated by the module's spec, merged with `common_options`, typed.
    static func validated(_ args: JSONObject) throws -> ContainerSpec {
        try ContainerSpec(merged(args), timeZone: { "UTC" })
    }

    /// Task arguments validated by the module's spec and merged with `common_options`.
    static func merged(_ args: JSONObject) throws -> JSONObject {
        try CommonOptions.merge(KollaDockerSpec.spec.validate(args, moduleName: "kolla_docker", context: "test"))
    }

    /// An inspect reply: `hostConfig` and `config` as given, `State.Status` = `state`.
    static func container(
        hostConfig: JSONObject = [:], config: JSONObject = [:], state: String = "running",
        image: String = imageID, path: String = "kolla_start", args: [String] = []
    ) -> JSONValue {
        [
            "Id": "c0ffee", "Name": "/test_container", "Image": .string(image), "Path": .string(path),
            "Args": .array(args.map { .string($0) }), "State": ["Status": .string(state)],
            "Config": .object(config), "HostConfig": .object(hostConfig),
        ]
    }

    /// An image inspect reply with `config` as its `Config`.
    static func image(config: JSONObject = [:], id: String = imageID) -> JSONValue {
        ["Id": .string(id), "Config": .object(config)]
    }

    /// The inspect reply Docker gives for a container created from `spec` by our create request.
    static func created(from spec: ContainerSpec, image: JSONValue? = nil) -> JSONValue {
        let body = CreateRequest.body(spec)
        var config = JSONObject()
        for key in ["Image", "Env", "Labels", "Volumes", "Healthcheck", "Tty", "Cmd"] { config[key] = body.at(key) }
        // Docker adds the image's labels, VOLUMEs and healthcheck to the container's.
        if let imageConfig = image?.at("Config")?.objectValue {
            var labels = imageConfig["Labels"]?.objectValue ?? [:]
            for (k, v) in config["Labels"]?.objectValue ?? [:] { labels[k] = v }
            config["Labels"] = .object(labels)
            var volumes = imageConfig["Volumes"]?.objectValue ?? [:]
            for (k, v) in config["Volumes"]?.objectValue ?? [:] { volumes[k] = v }
            if !volumes.isEmpty { config["Volumes"] = .object(volumes) }
            if config["Healthcheck"] == nil { config["Healthcheck"] = imageConfig["Healthcheck"] }
        }
        let command = spec.command ?? ["kolla_start"]
        return container(
            hostConfig: body.at("HostConfig")?.objectValue ?? [:], config: config,
            path: command.first ?? "", args: Array(command.dropFirst()))
    }

    /// Every difference between `spec` and `container`.
    static func failures(
        _ spec: ContainerSpec, _ container: JSONValue, image: JSONValue? = image(), desiredImageID: String? = imageID
    ) -> [ComparisonFailure] {
        ContainerComparison(spec: spec, container: container, containerImage: image, desiredImageID: desiredImageID).failures()
    }

    /// The one named check's failure, or `nil` when it sees no difference.
    static func check(
        _ name: String, _ spec: ContainerSpec, _ container: JSONValue, image: JSONValue? = image(),
        desiredImageID: String? = imageID
    ) throws -> ComparisonFailure? {
        let entry = try #require(ContainerComparison.checks.first { $0.name == name }, "no check named \(name)")
        return entry.run(ContainerComparison(spec: spec, container: container, containerImage: image, desiredImageID: desiredImageID))
    }

    /// Whether the named check reports a difference.
    static func differs(
        _ name: String, _ options: JSONObject, hostConfig: JSONObject = [:], config: JSONObject = [:],
        state: String = "running", image: JSONValue? = image()
    ) throws -> Bool {
        try check(name, desired(options), container(hostConfig: hostConfig, config: config, state: state), image: image) != nil
    }
}

extension ModuleFailure {
    /// Runs `body`, returning the `ModuleFailure` it throws (or `nil`).
    static func from(_ body: () throws -> Void) -> ModuleFailure? {
        do { try body() } catch let failure as ModuleFailure { return failure } catch { return ModuleFailure("unexpected \(error)") }
        return nil
    }
}
