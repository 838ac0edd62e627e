import ContainerImagePrepare
import ImagePrepare
import JSON
import ModuleKit
import ModuleTesting
import Testing
import YAML

/// container_image_prepare as a module: arguments, result shape, output file, check/diff mode,
/// failures, `default` mode.
@Suite struct ContainerImagePrepareModuleTests {
    static let env: JSONValue = [
        "parameter_defaults": [
            "ContainerImagePrepare": [
                [
                    "push_destination": "192.168.24.1:8787", "includes": ["nova-api"],
                    "set": ["namespace": "docker.io/tripleomaster", "name_prefix": "centos-binary-"],
                ]
            ]
        ]
    ]

    /// The module without registry access (no probe of the push destinations, no copy): these tests
    /// evaluate only, and a unit test opens no connection (the probe: ContainerImagePrepareProbeTests).
    enum EvaluationOnly: AnsibleModule {
        static let name = ContainerImagePrepare.name
        static let summary = ContainerImagePrepare.summary
        static var spec: ModuleSpec { ContainerImagePrepare.spec }
        static func run(_ params: Params, on host: Host) throws -> ModuleResult {
            try ContainerImagePrepare.run(params, on: host, registries: .none(labels: nil))
        }
    }

    func run(
        _ args: JSONObject, files: MemoryFileSystem = MemoryFileSystem(directories: ["/home/stack"]), check: Bool = false,
        diff: Bool = false
    ) -> JSONObject {
        runModule(EvaluationOnly.self, args: args, files: files, check: check, diff: diff)
    }

    @Test func dryRunReturnsParamsAndUploads() throws {
        let out = run(["environment": Self.env, "dry_run": true])
        #expect(out["failed"] == nil, "\(out)")
        #expect(out["changed"] == false)
        #expect(out["success"] == true)
        #expect(out["error"] == "")
        let params = try #require(out["params"]?.objectValue?["parameter_defaults"]?.objectValue)
        #expect(params["ContainerNovaApiImage"] == "192.168.24.1:8787/tripleomaster/centos-binary-nova-api:current-tripleo")
        #expect(params.count == 4)
        let uploads = try #require(out["uploads"]?.arrayValue)
        #expect(uploads.count == 1)
        #expect(uploads.first?.objectValue?["source_image"] == "docker.io/tripleomaster/centos-binary-nova-api:current-tripleo")
        #expect(uploads.first?.objectValue?["target_image"] == "192.168.24.1:8787/tripleomaster/centos-binary-nova-api:current-tripleo")
    }

    @Test func realRunWithoutRegistryAccessFailsWithTheEvaluation() throws {
        var values = JSONObject()
        for p in ContainerImagePrepare.spec.params { if let d = p.defaultValue { values[p.name] = d } }
        values["environment"] = Self.env
        let host = Host(moduleName: "container_image_prepare", files: MemoryFileSystem())
        do {
            _ = try ContainerImagePrepare.run(Params(values, spec: ContainerImagePrepare.spec), on: host, registries: .none(labels: nil))
            Issue.record("expected a failure")
        } catch let failure as ModuleFailure {
            #expect(failure.msg.hasPrefix("Error running container image prepare: copying 1 image(s) needs registry access"))
            #expect(failure.extra["params"] != nil && failure.extra["uploads"] != nil)
        }
    }

    @Test func noCopyNeededWorksWithoutDryRun() {
        let out = run([:])
        #expect(out["failed"] == nil)
        #expect(out["params"]?.objectValue?["parameter_defaults"]?.objectValue?.count == 148)
    }

    @Test func tagDiscoveryWithoutRegistryFailsClearly() throws {
        let env: JSONValue = ["parameter_defaults": ["ContainerImagePrepare": [["tag_from_label": "rdo_version", "set": ["namespace": "x/y"]]]]]
        var values = JSONObject()
        for p in ContainerImagePrepare.spec.params { if let d = p.defaultValue { values[p.name] = d } }
        values["environment"] = env
        values["dry_run"] = true
        let host = Host(moduleName: "container_image_prepare", files: MemoryFileSystem())
        do {
            _ = try ContainerImagePrepare.run(Params(values, spec: ContainerImagePrepare.spec), on: host, registries: .none(labels: nil))
            Issue.record("expected a failure")
        } catch let failure as ModuleFailure {
            #expect(failure.msg.contains("tag_from_label needs registry access, which this run does not have"))
            #expect(failure.extra["error"]?.stringValue?.contains("ContainerImagePrepare[0]") == true)
        }
    }

    @Test func tagDiscoveryThroughTheSeam() throws {
        let env: JSONValue = [
            "parameter_defaults": [
                "ContainerImagePrepare": [
                    [
                        "tag_from_label": "rdo_version", "includes": ["nova-api"], "set": ["namespace": "quay.io/t"],
                    ]
                ]
            ]
        ]
        let labels = InMemoryLabelSource([.init("quay.io/t/openstack-nova-api", tag: "current-tripleo", labels: [("rdo_version", "current-tripleo")])]
        )
        var values = JSONObject()
        for p in ContainerImagePrepare.spec.params { if let d = p.defaultValue { values[p.name] = d } }
        values["environment"] = env
        values["dry_run"] = true
        let host = Host(moduleName: "container_image_prepare", files: MemoryFileSystem())
        let result = try ContainerImagePrepare.run(Params(values, spec: ContainerImagePrepare.spec), on: host, registries: .none(labels: labels))
        #expect(
            result.fields["params"]?.objectValue?["parameter_defaults"]?.objectValue?["ContainerNovaApiImage"]
                == "quay.io/t/openstack-nova-api:current-tripleo")
    }

    @Test func outputEnvFileQuartet() throws {
        let files = MemoryFileSystem(directories: ["/home/stack"])
        let args: JSONObject = ["environment": Self.env, "dry_run": true, "output_env_file": "/home/stack/images.yaml"]
        let check1 = run(args, files: files, check: true, diff: true)
        #expect(check1["changed"] == true)
        #expect(files.text("/home/stack/images.yaml") == nil)
        #expect(check1["diff"]?.objectValue?["after"]?.stringValue?.hasPrefix("parameter_defaults:\n  ContainerNovaApiImage: ") == true)
        let apply1 = run(args, files: files)
        #expect(apply1["changed"] == true)
        #expect(
            files.text("/home/stack/images.yaml") == """
                parameter_defaults:
                  ContainerNovaApiImage: 192.168.24.1:8787/tripleomaster/centos-binary-nova-api:current-tripleo
                  ContainerNovaConfigImage: 192.168.24.1:8787/tripleomaster/centos-binary-nova-api:current-tripleo
                  ContainerNovaMetadataConfigImage: 192.168.24.1:8787/tripleomaster/centos-binary-nova-api:current-tripleo
                  ContainerNovaMetadataImage: 192.168.24.1:8787/tripleomaster/centos-binary-nova-api:current-tripleo

                """)
        #expect(run(args, files: files, check: true)["changed"] == false)
        #expect(run(args, files: files)["changed"] == false)
    }

    @Test func defaultModeWritesContainersPrepareParameters() throws {
        let files = MemoryFileSystem(directories: ["/home/stack"])
        let args: JSONObject = [
            "mode": "default", "local_push_destination": true, "output_env_file": "/home/stack/containers-prepare-parameters.yaml",
        ]
        let out = run(args, files: files)
        #expect(out["changed"] == true)
        let text = try #require(files.text("/home/stack/containers-prepare-parameters.yaml"))
        #expect(text.contains("\n  ContainerImagePrepare:\n  - push_destination: true\n    set:\n"))
        #expect(out["content"]?.stringValue == text)
        #expect(run(args, files: files)["changed"] == false)
        // The generated file, fed back, prepares like the packaged default with push_destination: true.
        let generated = try #require(try YAML.load(text))
        let env = try #require(generated.json.objectValue)
        let back = run(["environment": .object(env), "dry_run": true, "undercloud_registry": "uc.ctlplane.localdomain:8787"])
        #expect(
            back["params"]?.objectValue?["parameter_defaults"]?.objectValue?["ContainerNovaApiImage"]
                == "uc.ctlplane.localdomain:8787/tripleomastercentos9/openstack-nova-api:current-tripleo")
    }

    @Test func imageMapChoices() throws {
        let rocky = run(["image_map": "rocky", "dry_run": true])
        #expect(
            rocky["params"]?.objectValue?["parameter_defaults"]?.objectValue?["DockerNovaApiImage"]
                == "docker.io/tripleorocky/centos-binary-nova-api:current-tripleo")
        let files = MemoryFileSystem(files: ["/maps/mine.yml": "images:\n- {imagename: '{{namespace}}/x:{{tag}}', params: [XImage]}\n"])
        let mine = run(["image_map": "/maps/mine.yml"], files: files)
        #expect(mine["params"] == ["parameter_defaults": ["XImage": "quay.io/tripleomastercentos9/x:current-tripleo"]])
        let missing = run(["image_map": "/nope.yml"])
        #expect(missing["msg"] == "image_map: '/nope.yml' is neither a built-in map (18, rocky) nor an existing file")
    }

    @Test func undercloudRegistryAndInsecureHosts() throws {
        let env: JSONValue = ["parameter_defaults": ["ContainerImagePrepare": [["push_destination": true, "includes": ["keystone"]]]]]
        let out = run([
            "environment": env, "dry_run": true, "undercloud_registry": "uc.ctlplane.localdomain:8787",
            "insecure_registries": ["uc.ctlplane.localdomain:8787"],
        ])
        let params = try #require(out["params"]?.objectValue?["parameter_defaults"]?.objectValue)
        #expect(params["ContainerKeystoneImage"] == "uc.ctlplane.localdomain:8787/tripleomastercentos9/openstack-keystone:current-tripleo")
        #expect(params["DockerInsecureRegistryAddress"] == ["uc.ctlplane.localdomain:8787"])
    }

    @Test func logFileGetsTheParameters() throws {
        let files = MemoryFileSystem(directories: ["/var/log"])
        _ = run(["environment": Self.env, "dry_run": true, "log_file": "/var/log/prepare.log", "debug": true], files: files)
        let log = try #require(files.text("/var/log/prepare.log"))
        #expect(log.contains("DEBUG container_image_prepare [  ] ContainerImagePrepare[0]: 1 image(s) selected"))
        #expect(log.contains("INFO container_image_prepare [  ] ContainerNovaApiImage: 192.168.24.1:8787/"))
        #expect(log.hasSuffix("\n"), "every log line ends with a newline")
    }

    @Test(arguments: [
        (["cleanup": "some"] as JSONObject, "value of cleanup must be one of: full, partial, none, got: some"),
        (["concurrency": 0] as JSONObject, "concurrency: must be at least 1, got 0"),
    ])
    func badArguments(args: JSONObject, message: String) throws {
        let msg = try #require(run(args)["msg"]?.stringValue)
        #expect(msg == message)
    }

    @Test func specIsSound() {
        #expect(ContainerImagePrepare.spec.selfCheck().isEmpty)
    }
}

@Suite struct UndercloudRegistryTests {
    /// B9: getent's line `192.0.2.1 uc.ctlplane.localdomain uc.ctlplane` → the canonical name; IPv6 the same;
    /// no entry → localhost:8787 with tripleo-common's warning.
    @Test(arguments: [
        ("192.0.2.1 uc.ctlplane.localdomain uc.ctlplane\n", "uc.ctlplane.localdomain:8787"),
        ("fd12:3456::1\tuc.ctlplane.localdomain uc.ctlplane # v6\n", "uc.ctlplane.localdomain:8787"),
        ("127.0.0.1 localhost\n# 192.0.2.1 uc.ctlplane.localdomain uc.ctlplane\n", "localhost:8787"),
    ])
    func b9(hosts: String, registry: String) {
        let found = UndercloudRegistry.discover(hostname: "uc.somedomain", hosts: hosts)
        #expect(found.registry == registry)
        #expect((found.warning == nil) == (registry != "localhost:8787"))
        if let warning = found.warning {
            #expect(warning == "No entry for uc.ctlplane in /etc/hosts. Falling back to use the default (localhost) undercloud registry.")
        }
    }

    @Test func theModuleWarnsOnFallback() {
        let env: JSONValue = ["parameter_defaults": ["ContainerImagePrepare": [["push_destination": true, "includes": ["keystone"]]]]]
        let out = runModule(
            ContainerImagePrepareModuleTests.EvaluationOnly.self, args: ["environment": env, "dry_run": true],
            files: MemoryFileSystem(files: ["/etc/hosts": ""]))
        #expect(
            out["params"]?.objectValue?["parameter_defaults"]?.objectValue?["ContainerKeystoneImage"]?.stringValue?.hasPrefix("localhost:8787/")
                == true)
        #expect(out["warnings"]?.arrayValue?.count == 1)
    }
}
