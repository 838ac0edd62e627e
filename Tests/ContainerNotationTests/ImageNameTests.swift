import ContainerNotation
import Testing

/// The one image-name parser and its readings (moved here from kolla_docker's `ImageReference`
/// tests and DockerEngine's `splitReference` test; the rows are theirs).
@Suite struct ImageNameTests {
    /// Kolla: docker-py's `parse_repository_tag`, with a missing tag read as `latest`.
    @Test(arguments: [
        ("memcached", "memcached", "latest", nil as String?, "memcached:latest"),
        ("memcached:1.6", "memcached", "1.6", nil, "memcached:1.6"),
        (
            "quay.io/openstack.kolla/memcached:2025.1-ubuntu-noble", "quay.io/openstack.kolla/memcached", "2025.1-ubuntu-noble", nil,
            "quay.io/openstack.kolla/memcached:2025.1-ubuntu-noble"
        ),
        ("localhost:5000/kolla/nova", "localhost:5000/kolla/nova", "latest", nil, "localhost:5000/kolla/nova:latest"),
        ("localhost:5000/kolla/nova:1", "localhost:5000/kolla/nova", "1", nil, "localhost:5000/kolla/nova:1"),
        ("img@sha256:abc", "img", "", "sha256:abc", "img@sha256:abc"),  // Kolla's parse_image: ('img@sha256', 'abc')
        ("reg:5000/img:1@sha256:abc", "reg:5000/img", "1", "sha256:abc", "reg:5000/img@sha256:abc"),
    ])
    func kollaParses(_ text: String, _ repository: String, _ tag: String, _ digest: String?, _ name: String) {
        let r = ImageName.kolla(text)
        #expect(r.repository == repository && r.tag == tag && r.digest == digest)
        #expect(r.listName == name)
    }

    @Test func kollaEquality() {
        #expect(ImageName.kolla("x") == ImageName.kolla("x:latest"))
        #expect(ImageName.kolla("r:5000/x") == ImageName.kolla("r:5000/x:latest"))
        #expect(ImageName.kolla("x:1") != ImageName.kolla("x:2"))
        #expect(ImageName.kolla("x:1") != ImageName.kolla("y:1"))
        #expect(ImageName.kolla("x@sha256:a") != ImageName.kolla("x@sha256:b"))
        // The plain parse keeps "no tag" apart from `latest`; only the Kolla reading equates them.
        #expect(ImageName(parsing: "x") != ImageName(parsing: "x:latest"))
    }

    /// Docker (pull/push `fromImage`/`tag`): like the CLI.
    @Test(arguments: [
        ("busybox", "busybox", "latest"), ("busybox:1", "busybox", "1"), ("127.0.0.1:5000/x", "127.0.0.1:5000/x", "latest"),
        ("127.0.0.1:5000/x:2", "127.0.0.1:5000/x", "2"), ("quay.io/a/b@sha256:00", "quay.io/a/b", "sha256:00"),
        ("x:1@sha256:00", "x:1", "sha256:00"),
        ("a@b@c", "a@b", "c"),  // split at the last `@` (Kolla's reading takes the first)
        ("x:", "x", ""),
    ])
    func dockerSplitsLikeTheCLI(reference: String, repository: String, tag: String) {
        let split = ImageName.docker(reference)
        #expect(split.repository == repository && split.tag == tag)
    }

    /// Where the readings differ on one name: a tag before a digest, a name with no tag.
    @Test func readingsDiffer() {
        #expect(ImageName.kolla("r/x:1@sha256:a").repository == "r/x")
        #expect(ImageName.docker("r/x:1@sha256:a").repository == "r/x:1")
        #expect(ImageName.tripleo("r/x:1@sha256:a")! == ("r", "x:1", "sha256:a"))
        #expect(ImageName.kolla("a@b@c").digest == "b@c")
        #expect(ImageName.tripleoCommon("r/ns/x") == ("r", "/ns/x", "", "/ns/x"))
        #expect(ImageName.tripleo("r/ns/x")! == ("r", "ns/x", "latest"))
        #expect(ImageName.kolla("r/ns/x").tag == "latest")
    }

    /// TripleO (registry client): the first part is the registry; Docker Hub names get `library/`
    /// (more rows through the Registry's `ImageReference` in RegistryReadTests).
    @Test(arguments: [
        ("registry-1.docker.io/busybox", "registry-1.docker.io", "library/busybox", "latest"),
        ("192.168.24.1:8787/ns/x:1", "192.168.24.1:8787", "ns/x", "1"),  // a name to split only: never contacted
    ])
    func tripleoParses(_ text: String, _ registry: String, _ repository: String, _ reference: String) throws {
        let parts = try #require(ImageName.tripleo(text))
        #expect(parts == (registry, repository, reference))
    }

    @Test(arguments: ["busybox", "r/", "/x", "r/x:", "r/x@"])
    func tripleoRefuses(_ text: String) {
        #expect(ImageName.tripleo(text) == nil)
    }

    /// tripleo-common's `urlparse` + `_image_tag_from_url`, odd names included.
    @Test(arguments: [
        ("r:8787/ns/x:1", "r:8787", "/ns/x:1", "ns/x", "1"),
        ("r/ns/x@sha256:a", "r", "/ns/x@sha256:a", "ns/x", "sha256:a"),
        ("r/ns/x:1:2", "r", "/ns/x:1:2", "ns/x:1", "2"),
        ("x", "x", "", "", ""),
    ])
    func tripleoCommonParts(_ image: String, _ registry: String, _ path: String, _ repository: String, _ tag: String) {
        #expect(ImageName.tripleoCommon(image) == (registry, path, repository, tag))
    }

    /// The registry a pull logs in to (docker-py's `resolve_repository_name`).
    @Test(arguments: [
        ("127.0.0.1:5200/a/b:1", "127.0.0.1:5200"), ("localhost/a", "localhost"), ("tripleo/nova", "docker.io"),
        ("nova", "docker.io"), ("quay.io/a", "quay.io"),
    ])
    func dockerRegistry(_ image: String, _ registry: String) {
        #expect(ImageName.dockerRegistry(of: image) == registry)
    }
}
