import ContainerNotation
import Testing

/// `SOURCE:DEST[:MODE]` / `DEST`, split once for every module that reads `volumes`.
@Suite struct VolumeSpecTests {
    @Test(arguments: [
        ("/data", VolumeSpec.anonymous(destination: "/data")),
        ("/a:/b", .bind(source: "/a", destination: "/b", mode: nil)),
        ("kolla_logs:/var/log/kolla/:rw", .bind(source: "kolla_logs", destination: "/var/log/kolla/", mode: "rw")),
        ("/etc/hosts:/etc/hosts:ro,z", .bind(source: "/etc/hosts", destination: "/etc/hosts", mode: "ro,z")),
    ])
    func parses(_ entry: String, _ expected: VolumeSpec) throws {
        #expect(try VolumeSpec(parsing: entry) == expected)
    }

    @Test(arguments: [
        ("data", VolumeSpec.Problem.relativeAnonymous),
        ("/a:/b:ro:x", .malformed),
        ("/a::ro", .malformed),
        (":/b", .malformed),
        ("/a:b", .relativeDestination("b")),
    ])
    func refuses(_ entry: String, _ problem: VolumeSpec.Problem) {
        #expect(throws: problem) { try VolumeSpec(parsing: entry) }
    }

    @Test func sourceIsTheTextBeforeTheFirstColon() {
        #expect(VolumeSpec.source(of: "/a:/b:ro") == "/a")
        #expect(VolumeSpec.source(of: "/a") == "/a")
        #expect(VolumeSpec.source(of: ":/b") == "")
    }
}
