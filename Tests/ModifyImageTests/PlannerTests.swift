import JSON
import ModuleKit
import Testing

@testable import ModifyImage

func arguments(_ values: JSONObject) throws -> Arguments {
    var all: JSONObject = ["source_image": .string("127.0.0.1:5200/ns/nova-api:1")]
    for (key, value) in values { all[key] = value }
    return try Arguments(Params(all, spec: ModifyImage.spec), now: { "20240101120000" })
}

@Suite struct PlannerTests {
    @Test func modifyImageRewritesTheLastFromAndAddsTheLabel() throws {
        let files = MemoryInputFiles([
            "/m/Dockerfile": "FROM builder AS b\nRUN make\nfrom  centos:9\nUSER root\nRUN echo hi\nUSER \"nova\"\n",
            "/m/extra/file.txt": "data",
        ])
        let args = try arguments(["modify_dir_path": "/m", "modified_append_tag": "-hot"])
        let plan = try Planner.plan(args, originalUser: "nova", files: files)
        #expect(
            plan.dockerfile == """
                FROM builder AS b
                RUN make
                FROM 127.0.0.1:5200/ns/nova-api:1
                LABEL modified_append_tag=-hot
                USER root
                RUN echo hi
                USER "nova"

                """)
        #expect(plan.dockerfileName == "Dockerfile.modified")
        #expect(plan.context.filePaths.sorted() == ["Dockerfile", "Dockerfile.modified", "extra/file.txt"])
        #expect(plan.buildArgs.isEmpty)
    }

    @Test func apexDockerfilesGetTheImageUserAsRealUser() throws {
        let files = MemoryInputFiles(["/m/Dockerfile": "FROM x\nUSER root\nARG REAL_USER\nUSER \"${REAL_USER}\"\n"])
        let plan = try Planner.plan(try arguments(["modify_dir_path": "/m"]), originalUser: "glance", files: files)
        #expect(plan.buildArgs == ["REAL_USER": "glance"])
    }

    @Test func modifyImageInputErrorsNameTheParameter() throws {
        let files = MemoryInputFiles(["/nofrom/Dockerfile": "RUN true\n"], directories: ["/empty"])
        #expect(throws: ModifyImageError.missing("modify_dir_path", "required when tasks_from is modify_image (a directory with a Dockerfile)")) {
            try Planner.plan(try arguments([:]), originalUser: "", files: files)
        }
        #expect(throws: ModifyImageError.badInput("modify_dir_path", "/empty/Dockerfile does not exist")) {
            try Planner.plan(try arguments(["modify_dir_path": "/empty"]), originalUser: "", files: files)
        }
        #expect(throws: ModifyImageError.badInput("modify_dir_path", "/nofrom/Dockerfile has no FROM line")) {
            try Planner.plan(try arguments(["modify_dir_path": "/nofrom"]), originalUser: "", files: files)
        }
        #expect(throws: ModifyImageError.badInput("modify_dir_path", "/missing is not a directory")) {
            try Planner.plan(try arguments(["modify_dir_path": "/missing"]), originalUser: "", files: files)
        }
    }

    @Test func rpmInstallCopiesThePackagesAndRestoresTheUser() throws {
        let files = MemoryInputFiles(["/p/b.deb": "B", "/p/a.deb": "A", "/p/notes.txt": "x"])
        let args = try arguments(["tasks_from": "rpm_install.yml", "rpms_path": "/p", "modified_append_tag": "-hotfix"])
        let plan = try Planner.plan(args, originalUser: "nova", files: files)
        #expect(
            plan.dockerfile == """
                FROM 127.0.0.1:5200/ns/nova-api:1
                LABEL modified_append_tag=-hotfix
                USER root
                COPY overcloud-modify /tmp/overcloud-modify
                RUN /bin/sh /tmp/overcloud-modify/package_install.sh deb
                USER "nova"

                """)
        #expect(
            plan.context.filePaths == [
                "overcloud-modify/packages/a.deb", "overcloud-modify/packages/b.deb", "overcloud-modify/package_install.sh", "Dockerfile",
            ])
        #expect(plan.context.file("overcloud-modify/packages/a.deb") == Array("A".utf8))
    }

    @Test func rootImagesGetAnEmptyUserBack() throws {
        let files = MemoryInputFiles(["/p/a.rpm": "A"])
        let plan = try Planner.plan(try arguments(["tasks_from": "rpm_install", "rpms_path": "/p"]), originalUser: "", files: files)
        #expect(plan.dockerfile.hasSuffix("RUN /bin/sh /tmp/overcloud-modify/package_install.sh rpm\nUSER \"\"\n"))
    }

    @Test func packageDirectoriesMustHoldOneKindOfPackage() throws {
        let files = MemoryInputFiles(["/mixed/a.rpm": "A", "/mixed/b.deb": "B", "/none/readme": "x"])
        #expect(throws: ModifyImageError.badInput("rpms_path", "/none has no .rpm or .deb files")) {
            try Planner.plan(try arguments(["tasks_from": "rpm_install", "rpms_path": "/none"]), originalUser: "", files: files)
        }
        #expect(throws: ModifyImageError.badInput("rpms_path", "/mixed mixes .rpm and .deb files; an image has one package format")) {
            try Planner.plan(try arguments(["tasks_from": "rpm_install", "rpms_path": "/mixed"]), originalUser: "", files: files)
        }
        #expect(throws: ModifyImageError.self) {
            try Planner.plan(try arguments(["tasks_from": "rpm_install"]), originalUser: "", files: files)
        }
    }

    @Test func yumUpdateCopiesRepositoriesAndTheirLocalTrees() throws {
        let files = MemoryInputFiles([
            "/repos/local.list": "deb [trusted=yes] file:///srv/apt-repo ./\n# deb file:///ignored ./\n",
            "/srv/apt-repo/Packages": "Package: x\n",
            "/srv/apt-repo/x_2.deb": "X",
        ])
        let args = try arguments(["tasks_from": "yum_update.yml", "yum_repos_dir_path": "/repos", "modified_append_tag": "-up"])
        let plan = try Planner.plan(args, originalUser: "u", files: files)
        #expect(
            plan.dockerfile.contains(
                "COPY overcloud-modify /tmp/overcloud-modify\nCOPY repos /\nRUN /bin/sh /tmp/overcloud-modify/package_update.sh ''\n"))
        #expect(plan.context.filePaths.contains("repos/srv/apt-repo/x_2.deb"))
        #expect(plan.context.filePaths.contains("overcloud-modify/repos.d/local.list"))
    }

    @Test func repositoryFilesYieldTheirLocalPaths() {
        let text = """
            [base]
            baseurl=file:///opt/repo/,http://mirror/x
            # baseurl=file:///commented
            deb [trusted=yes] file:///srv/apt ./
            URIs: file:///srv/deb822 http://deb.debian.org/debian
            """
        #expect(RepositoryFiles.fileURLPaths(text) == ["/opt/repo", "/srv/apt", "/srv/deb822"])
    }

    @Test func yumInstallNeedsPackagesAndQuotesThem() throws {
        #expect(throws: ModifyImageError.self) {
            try Planner.plan(try arguments(["tasks_from": "yum_install"]), originalUser: "", files: MemoryInputFiles())
        }
        let plan = try Planner.plan(
            try arguments(["tasks_from": "yum_install", "yum_packages": ["vim", "it's"]]), originalUser: "", files: MemoryInputFiles())
        #expect(plan.dockerfile.contains("package_install_named.sh 'vim' 'it'\\''s'\n"))
    }

    @Test func devInstallCopiesEachSourceTree() throws {
        let files = MemoryInputFiles([
            "/src/demo/setup.py": "x", "/src/demo/demo/__init__.py": "", "/src/demo/.git/HEAD": "ref", "/src/bare/README": "x",
        ])
        let plan = try Planner.plan(try arguments(["tasks_from": "dev_install", "python_dir": ["/src/demo"]]), originalUser: "", files: files)
        #expect(plan.context.filePaths.contains("overcloud-modify/dev/001-demo/demo/__init__.py"))
        #expect(!plan.context.filePaths.contains { $0.contains(".git") })
        #expect(throws: ModifyImageError.badInput("python_dir", "/src/bare has neither setup.py nor pyproject.toml")) {
            try Planner.plan(try arguments(["tasks_from": "dev_install", "python_dir": ["/src/bare"]]), originalUser: "", files: files)
        }
        #expect(throws: ModuleFailure.self) {
            try arguments(["tasks_from": "dev_install", "refspecs": [["project": "nova", "refspec": "refs/changes/1"]]])
        }
    }

    @Test func patchModeAppliesEachPatchInOrderAtThePath() throws {
        let files = MemoryInputFiles(["/p/I2.patch": "diff b", "/p/I1.patch": "diff a", "/p/empty.patch": ""])
        let args = try arguments(["tasks_from": "patch", "patches": ["/p/I2.patch", "/p/I1.patch"], "patch_path": "/usr/lib/python3/dist-packages"])
        let plan = try Planner.plan(args, originalUser: "nova", files: files)
        #expect(plan.context.filePaths.prefix(2) == ["overcloud-modify/patches/001-I2.patch", "overcloud-modify/patches/002-I1.patch"])
        #expect(plan.dockerfile.contains("RUN /bin/sh /tmp/overcloud-modify/apply_patches.sh '/usr/lib/python3/dist-packages'\nUSER \"nova\"\n"))
        #expect(Scripts.applyPatches.contains("patch -p1 --forward --batch"))
        #expect(!Scripts.applyPatches.contains("||"))
        #expect(throws: ModifyImageError.missing("patch_path", "an absolute directory in the image is required when tasks_from is patch")) {
            try Planner.plan(try arguments(["tasks_from": "patch", "patches": ["/p/I1.patch"]]), originalUser: "", files: files)
        }
        #expect(throws: ModifyImageError.badInput("patches", "/p/empty.patch is empty")) {
            try Planner.plan(
                try arguments(["tasks_from": "patch", "patches": ["/p/empty.patch"], "patch_path": "/x"]), originalUser: "", files: files)
        }
    }

    @Test func unknownUserIsMarkedInCheckMode() throws {
        let plan = try Planner.plan(try arguments(["tasks_from": "yum_update"]), originalUser: nil, files: MemoryInputFiles())
        #expect(plan.dockerfile.hasSuffix("USER \"<the source image's user, read when it is pulled>\"\n"))
    }
}

@Suite struct ImageTagTests {
    @Test(arguments: [
        ("reg:5000/ns/nova-api:1", "-hot", "reg:5000/ns/nova-api:1-hot"),
        ("reg:5000/ns/nova-api", "-hot", "reg:5000/ns/nova-api:latest-hot"),
        ("nova", "", "nova:latest"),
    ])
    func targetIsTheBaseTagPlusTheAppendTag(_ base: String, _ append: String, _ expected: String) throws {
        #expect(try ImageTag.target(base: base, appendTag: append) == expected)
    }

    @Test func badTagsAndDigestsAreRefused() {
        #expect(throws: ModifyImageError.self) { try ImageTag.target(base: "x:1", appendTag: "/bad") }
        #expect(throws: ModifyImageError.self) { try ImageTag.target(base: "x:1", appendTag: String(repeating: "a", count: 128)) }
        #expect(throws: ModifyImageError.self) { try ImageTag.target(base: "x@sha256:abc", appendTag: "-a") }
    }

    @Test func defaultAppendTagIsModifiedAndATimestamp() throws {
        let args = try arguments([:])
        #expect(args.appendTag == "-modified-20240101120000")
        #expect(try args.targetReference() == "127.0.0.1:5200/ns/nova-api:1-modified-20240101120000")
        let targeted = try arguments(["target_image": "127.0.0.1:5201/other/x:2", "modified_append_tag": "-a"])
        #expect(try targeted.targetReference() == "127.0.0.1:5201/other/x:2-a")
    }

    @Test func registryHostOfAReference() {
        #expect(ImageTag.registry(of: "127.0.0.1:5200/a/b:1") == "127.0.0.1:5200")
        #expect(ImageTag.registry(of: "localhost/a") == "localhost")
        #expect(ImageTag.registry(of: "tripleo/nova") == "docker.io")
        #expect(ImageTag.registry(of: "nova") == "docker.io")
    }
}
