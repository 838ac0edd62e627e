import JSON
import ModuleKit
import ModuleTesting
import Testing

@testable import ContainerPatches

private func patch(_ project: String, _ id: String, diff: String = "diff --git a/x b/x\n") -> ApexPatch {
    ApexPatch(project: project, changeID: id, diff: diff)
}

private let catalog = [
    "tripleomaster/centos-binary-nova-api", "tripleomaster/centos-binary-nova-compute",
    "tripleomaster/centos-binary-novajoin-server", "tripleomaster/centos-binary-keystone",
    "tripleomaster/centos-binary-nova",
]

@Suite struct ApexPatchSetTests {
    /// Apex's `test_project_to_path` cases, with our python directory.
    @Test(arguments: [
        ("openstack/tripleo-heat-templates", "", PatchTarget.host(path: "/usr/share/openstack-tripleo-heat-templates")),
        ("openstack/puppet-tripleo", "", .host(path: "/etc/puppet/modules/tripleo")),
        ("openstack/nova", "", .container(path: "/py")),
        (
            "openstack/tripleo-common", "diff --git a/container-images/x b/container-images/x\n",
            .host(path: "/usr/share/openstack-tripleo-common-containers/")
        ),
        ("openstack/tripleo-common", "diff --git a/tripleo_common/x.py b/tripleo_common/x.py\n", .container(path: "/py")),
    ])
    func projectToPath(_ project: String, _ diff: String, _ expected: PatchTarget) {
        #expect(PatchTarget.of(patch(project, "I1", diff: diff), pythonPath: "/py") == expected)
    }

    @Test func pythonPatchesGoToEveryImageOfTheProjectButNotItsPrefixNeighbours() throws {
        let set = try ApexPatchSet.map(
            [patch("openstack/nova", "I1"), patch("openstack/puppet-nova", "I2")], images: catalog, registry: "127.0.0.1:8787",
            prefix: "centos-binary-", tag: "current-tripleo", pythonPath: "/py")
        // Apex (prefix match on `centos-binary-nova`) would also patch novajoin-server.
        #expect(set.services.map(\.name) == ["nova", "nova-api", "nova-compute"])
        #expect(set.services[1].image == "127.0.0.1:8787/tripleomaster/centos-binary-nova-api:current-tripleo")
        #expect(set.hostPatches.map(\.path) == ["/etc/puppet/modules/nova"])
    }

    @Test func referencesKeepTheirRegistryAndTag() {
        #expect(ApexPatchSet.reference("r:5000/ns/x:1", registry: "other:1", tag: "t") == "r:5000/ns/x:1")
        #expect(ApexPatchSet.reference("ns/x", registry: "r:5000", tag: "t") == "r:5000/ns/x:t")
        #expect(ApexPatchSet.reference("ns/x", registry: nil, tag: "t") == "ns/x:t")
    }

    @Test func unmatchedPythonProjectsFail() {
        #expect(throws: ModuleFailure.self) {
            try ApexPatchSet.map(
                [patch("openstack/glance", "I1")], images: catalog, registry: nil, prefix: "centos-binary-", tag: "t", pythonPath: "/py")
        }
    }

    @Test func oneDockerfilePerImageWithEveryLineTerminated() throws {
        let set = try ApexPatchSet.map(
            [patch("openstack/nova", "I1"), patch("nova", "I2")], images: ["ns/centos-binary-nova-api"], registry: "r:1",
            prefix: "centos-binary-", tag: "t", pythonPath: "/usr/lib/python3.9/site-packages")
        let dockerfile = ApexPatchSet.dockerfile(for: set.services[0])
        let lines = dockerfile.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "FROM r:1/ns/centos-binary-nova-api:t")
        #expect(dockerfile.hasSuffix("RUN rm -rf /tmp/apex-patches\nUSER \"${REAL_USER}\"\n"))
        // Apex glued the second patch onto `USER $REAL_USER` (no newline); here each patch has its own lines.
        #expect(lines.filter { $0.hasPrefix("COPY ") } == ["COPY I1.patch /tmp/apex-patches/", "COPY I2.patch /tmp/apex-patches/"])
        #expect(!dockerfile.contains("USER $REAL_USERWORKDIR"))
        #expect(!dockerfile.contains("|| echo"))
        #expect(lines.filter { $0.hasPrefix("USER ") } == ["USER root", "USER \"${REAL_USER}\""])
    }

    @Test func archiveHoldsTheContainersTreeAndIsReproducible() throws {
        let set = try ApexPatchSet.map(
            [patch("nova", "I1", diff: "the diff")], images: ["ns/p-nova-api", "ns/p-nova-compute"], registry: nil, prefix: "p-", tag: "t",
            pythonPath: "/py")
        #expect(
            set.files().map(\.path) == [
                "containers/nova-api/Dockerfile", "containers/nova-api/I1.patch", "containers/nova-compute/Dockerfile",
                "containers/nova-compute/I1.patch",
            ])
        let archive = try set.archive()
        #expect(try archive == set.archive())
        #expect(Array(archive.prefix(2)) == [0x1F, 0x8B])
        // The stored deflate block starts at 10 + 5: the first tar header names `containers/`.
        #expect(String(decoding: archive[15..<26], as: UTF8.self) == "containers/")
    }

    @Test func moduleWritesOnceAndReportsUnchangedAfter() throws {
        let files = MemoryFileSystem(files: ["/p/I1.patch": "diff --git a/nova/x.py b/nova/x.py\n"])
        var values: JSONObject = [
            "patches": [["project": "openstack/nova", "change_id": "I1", "file": "/p/I1.patch"]],
            "images": ["ns/p-nova-api"], "registry": "r:1", "name_prefix": "p-", "tag": "t",
            "python_path": "/py", "dest": "/out", "archive": true,
        ]
        let params = Params(values, spec: ContainerPatches.spec)
        var made: [String] = []
        let host = Host(moduleName: "container_patches", files: files)
        let first = try ContainerPatches.run(params, on: host, makeDirectory: { made.append($0) })
        let second = try ContainerPatches.run(params, on: host, makeDirectory: { made.append($0) })
        #expect(first.changed && !second.changed)
        #expect(files.text("/out/containers/nova-api/I1.patch") == "diff --git a/nova/x.py b/nova/x.py\n")
        #expect(files.files["/out/docker_patches.tar.gz"] != nil)
        #expect(first.fields["patched_services"] == .array(["nova-api"]))
        var check = host
        check.checkMode = true
        values["dest"] = "/elsewhere"
        let checked = try ContainerPatches.run(Params(values, spec: ContainerPatches.spec), on: check, makeDirectory: { made.append($0) })
        #expect(checked.changed)
        #expect(files.files.keys.allSatisfy { !$0.hasPrefix("/elsewhere") })
    }

    @Test func badChangeIdsAndMissingFilesFailNamingTheEntry() {
        let host = Host(moduleName: "container_patches", files: MemoryFileSystem(files: ["/p/I1.patch": "x"]))
        func failure(_ values: JSONObject) -> String? {
            do {
                _ = try ContainerPatches.run(Params(values, spec: ContainerPatches.spec), on: host, makeDirectory: { _ in })
                return nil
            } catch {
                return (error as? ModuleFailure)?.msg
            }
        }
        #expect(
            failure(["patches": [["project": "nova", "change_id": "../x", "file": "/p/I1.patch"]], "images": [], "dest": "/o"])
                == "patches[0].change_id: '../x' cannot name a file")
        #expect(
            failure(["patches": [["project": "nova", "change_id": "I1", "file": "/p/none"]], "images": [], "dest": "/o"])
                == "patches[0].file: /p/none does not exist or is empty")
    }
}
