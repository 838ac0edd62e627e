import ImagePrepare
import Testing
import YAML

/// The evaluation-side vectors of `test_image_uploader.py` (reference §1.10 B): push destination
/// resolution, credentials, `UploadTask` naming, secure registries, tag discovery. The HTTP, auth,
/// copy and export vectors (B1–B8, B11, B18–B24, B26–B39) belong to the registry client and copier.
@Suite struct UploaderVectorTests {
    @Test func b10PushDestinationTrueFalseNoneUseTheDiscoveredRegistry() throws {
        for push in ["", "push_destination: false,", "push_destination: null,"] {
            let env = Fixture.yaml("{parameter_defaults: {ContainerImagePrepare: [{\(push) set: {tag: l}, includes: [nova-api], modify_role: r}]}}")
            let result = try Fixture.preparation(undercloud: "uc.ctlplane.localdomain:8787").prepareMulti(environment: env, roles: [])
            #expect(result.uploads.first?.pushDestination == "uc.ctlplane.localdomain:8787", "\(push)")
            // …while the params keep the source host (upstream quirk).
            #expect(Fixture.params(result)["ContainerNovaApiImage"]?.hasPrefix("quay.io/") == true)
        }
        let kept = Fixture.yaml(
            "{parameter_defaults: {ContainerImagePrepare: [{push_destination: '192.0.2.1:8787', set: {tag: l}, includes: [nova-api]}]}}")
        #expect(try Fixture.preparation().prepareMulti(environment: kept, roles: []).uploads.first?.pushDestination == "192.0.2.1:8787")
    }

    @Test(arguments: ["null", "{}", "{docker.io: {my_username: my_password}, quay.io: {u: p}}"])
    func b12CredentialsAccepted(creds: String) throws {
        try RegistryCredentials.validate(Fixture.yaml("x: \(creds)")["x"])
    }

    @Test(arguments: [
        ("foo", "Credentials data must be a dict"), ("{1234: {u: p}}", "Key must be a registry host string: 1234"),
        ("{docker.io: {true: p}}", "Username and password must be strings: True"),
        ("{docker.io: {u: true}}", "Username and password must be strings: u"),
        ("{docker.io: {u: p, v: q}}", "Credentials entry must be a dict with a single item"),
    ])
    func b12CredentialsRejected(creds: String, message: String) {
        #expect(throws: ImagePrepareError.invalidInput(message)) { try RegistryCredentials.validate(Fixture.yaml("x: \(creds)")["x"]) }
    }

    @Test func b12CredentialsAreCheckedDuringEvaluation() {
        let env = Fixture.yaml("{parameter_defaults: {ContainerImageRegistryCredentials: {docker.io: {u: secret, v: other}}}}")
        #expect(throws: ImagePrepareError.invalidInput("Credentials entry must be a dict with a single item")) {
            try Fixture.preparation().prepareMulti(environment: env, roles: [])
        }
    }

    @Test func b13UploadTaskNaming() {
        let mod = UploadTask.Modification(role: "r", appendTag: "baz", vars: nil)
        let task = UploadTask(
            imagename: "foo:bar", imageSource: "tripleo", pullSource: "docker.io/namespace", pushDestination: "127.0.0.1:8787",
            modification: mod, multiArch: false, entry: 0)
        #expect(task.sourceImage == "docker.io/namespace/foo:bar")
        #expect(task.targetImage == "127.0.0.1:8787/namespace/foo:barbaz")
        let slashes = UploadTask(
            imagename: "foo:bar", imageSource: "", pullSource: "docker.io/namespace/", pushDestination: "127.0.0.1:8787/",
            modification: mod, multiArch: false, entry: 0)
        #expect(slashes.sourceImage == "docker.io/namespace/foo:bar")
        #expect(slashes.targetImage == "127.0.0.1:8787/namespace/foo:barbaz")
        let untagged = UploadTask(
            imagename: "docker.io/namespace/foo", imageSource: "", pullSource: nil, pushDestination: "127.0.0.1:8787",
            modification: nil, multiArch: false, entry: 0)
        #expect(untagged.sourceImage == "docker.io/namespace/foo:latest")
        #expect(untagged.targetImage == "127.0.0.1:8787/namespace/foo:latest")
    }

    @Test func b14SecureRegistriesAreNeverInsecure() {
        let known = KnownRegistries(insecure: Set(KnownRegistries.alwaysSecure).union(["192.0.2.0:8787"]))
        for host in KnownRegistries.alwaysSecure { #expect(!known.isInsecure(host)) }
        #expect(known.isInsecure("192.0.2.0:8787"))
        #expect(!known.isInsecure("192.0.2.1:8787"))  // unknown → secure, as an unreachable probe upstream
    }

    static let b15 = InMemoryLabelSource([
        .init("docker.io/t/foo", tag: "a", labels: [("rdo_version", "a"), ("build_version", "4.0.0")])
    ])

    @Test func b15DiscoverImageTag() throws {
        let discovery = TagDiscovery(source: Self.b15)
        #expect(try discovery.discover("docker.io/t/foo:b", tagFromLabel: "rdo_version", defaultTag: true).tag == "a")
        #expect(throws: ImagePrepareError.tagDiscovery("No label specified. Available labels: rdo_version, build_version")) {
            try discovery.discover("docker.io/t/foo:a", tagFromLabel: "", defaultTag: false)
        }
        #expect(throws: ImagePrepareError.tagDiscovery("Image docker.io/t/foo has no tag 4.0.0.\nAvailable tags: a")) {
            try discovery.discover("docker.io/t/foo:a", tagFromLabel: "build_version", defaultTag: false)
        }
        // `version` is missing: an error without a fallback (discover_image_tag passes none)…
        #expect(throws: ImagePrepareError.self) {
            try TagDiscovery.tag(from: [("rdo_version", "a")], repoTags: ["a"], image: "docker.io/t/foo", tagFromLabel: "version", fallback: nil)
        }
        // …while prepare falls back to the tag the image was named with (LP#1746600).
        #expect(try discovery.discover("docker.io/t/foo:a", tagFromLabel: "version", defaultTag: false).tag == "a")
        #expect(throws: ImagePrepareError.imageNotFound("Not found image: docker://docker.io/t/bar")) {
            try discovery.discover("docker.io/t/bar:a", tagFromLabel: "rdo_version", defaultTag: false)
        }
    }

    static let b16Labels: [(key: String, value: YAMLValue)] = [
        ("rdo_version", "a"), ("build_version", "4.0.0"), ("release", "1.0.0"), ("version", "20180125"),
    ]

    @Test(
        arguments: [
            ("rdo_version", nil, "a"), ("{release}-{version}", nil, "1.0.0-20180125"), ("bar", "a", "a"), ("{releases}-{versions}", "a", "a"),
        ] as [(String, String?, String)])
    func b16TagFromInspect(label: String, fallback: String?, tag: String) throws {
        #expect(
            try TagDiscovery.tag(
                from: Self.b16Labels, repoTags: ["a", "1.0.0-20180125"], image: "docker.io/t/foo", tagFromLabel: label, fallback: fallback) == tag)
    }

    @Test(arguments: [
        ("{release}-{version", "expected '}' before end of string"),
        ("{releases}-{version}", "Image docker.io/t/foo 'releases'. Available labels: rdo_version, build_version, release, version"),
        ("", "No label specified. Available labels: rdo_version, build_version, release, version"),
        ("nope", "Image docker.io/t/foo has no label nope. Available labels: rdo_version, build_version, release, version"),
    ])
    func b16Failures(label: String, message: String) {
        #expect(throws: ImagePrepareError.tagDiscovery(message)) {
            try TagDiscovery.tag(from: Self.b16Labels, repoTags: ["a"], image: "docker.io/t/foo", tagFromLabel: label, fallback: nil)
        }
        // A malformed template fails even with a fallback.
        if label.hasSuffix("{version") {
            #expect(throws: ImagePrepareError.self) {
                try TagDiscovery.tag(from: Self.b16Labels, repoTags: ["a"], image: "docker.io/t/foo", tagFromLabel: label, fallback: "a")
            }
        }
    }

    @Test func b17DiscoverImageTagsKeysAreNamesWithoutTag() throws {
        let source = InMemoryLabelSource(["foo", "bar", "baz"].map { .init("docker.io/t/\($0)", tag: "a", labels: [("rdo_release", "a")]) })
        let discovery = TagDiscovery(source: source)
        for name in ["foo", "bar", "baz"] {
            let found = try discovery.discover("docker.io/t/\(name):latest", tagFromLabel: "rdo_release", defaultTag: true)
            #expect(found.key == "docker.io/t/\(name)" && found.tag == "a")
        }
    }

    @Test func b22DefaultTagInspectsTheLastTagEmptyListIsNotFound() throws {
        let source = InMemoryLabelSource([
            .init("docker.io/t/nova-api", tag: "one", labels: [("v", "one")]), .init("docker.io/t/nova-api", tag: "two", labels: [("v", "two")]),
        ])
        #expect(try TagDiscovery(source: source).discover("docker.io/t/nova-api:latest", tagFromLabel: "v", defaultTag: true).tag == "two")
        #expect(throws: ImagePrepareError.self) {
            try TagDiscovery(source: source).discover("docker.io/t/nova-api:latest", tagFromLabel: "v", defaultTag: false)
        }
    }
}
