import Testing

@testable import KollaDocker

/// `ImageReference`: docker-py's `parse_repository_tag`, with a missing tag read as `latest`.
@Suite struct ImageReferenceTests {
    @Test(arguments: [
        ("memcached", "memcached", "latest", nil as String?, "memcached:latest"),
        ("memcached:1.6", "memcached", "1.6", nil, "memcached:1.6"),
        ("quay.io/openstack.kolla/memcached:2025.1-ubuntu-noble", "quay.io/openstack.kolla/memcached", "2025.1-ubuntu-noble", nil, "quay.io/openstack.kolla/memcached:2025.1-ubuntu-noble"),
        ("localhost:5000/kolla/nova", "localhost:5000/kolla/nova", "latest", nil, "localhost:5000/kolla/nova:latest"),
        ("localhost:5000/kolla/nova:1", "localhost:5000/kolla/nova", "1", nil, "localhost:5000/kolla/nova:1"),
        ("img@sha256:abc", "img", "", "sha256:abc", "img@sha256:abc"),  // Kolla's parse_image: ('img@sha256', 'abc')
        ("reg:5000/img:1@sha256:abc", "reg:5000/img", "1", "sha256:abc", "reg:5000/img@sha256:abc"),
    ])
    func parses(_ text: String, _ repository: String, _ tag: String, _ digest: String?, _ name: String) {
        let r = ImageReference(text)
        #expect(r.repository == repository && r.tag == tag && r.digest == digest)
        #expect(r.name == name)
    }

    @Test func equality() {
        #expect(ImageReference("x") == ImageReference("x:latest"))
        #expect(ImageReference("r:5000/x") == ImageReference("r:5000/x:latest"))
        #expect(ImageReference("x:1") != ImageReference("x:2"))
        #expect(ImageReference("x:1") != ImageReference("y:1"))
        #expect(ImageReference("x@sha256:a") != ImageReference("x@sha256:b"))
    }
}
