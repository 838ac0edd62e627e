import ContainerImagePrepare
import ModuleKit
import Testing

/// The command-line face: which argv it takes, usage errors, the `default` verb (no registry needed).
@Suite struct PrepareCommandTests {
    /// The command line as the deploy binary's runner answers it.
    func respond(_ argv: [String]) -> CommandReply {
        ModuleRunner.reply(to: argv, modules: [ContainerImagePrepare.self])
    }

    @Test func moduleRunnerArgvIsNotACommand() {
        #expect(ContainerImagePrepare.subcommands.map(\.name) == ["prepare", "default", "kolla-build-command"])
        let argsFile = respond(["overcloud-deploy", "container_image_prepare", "/nonexistent/args.json"])
        #expect(argsFile.status == 1 && argsFile.stdout.contains("args file /nonexistent/args.json: no such file"))
        let help = respond(["/x/container_image_prepare", "--help"])
        #expect(help.status == 0 && help.stdout.contains("Usage: container_image_prepare ARGS_FILE"))
    }

    @Test(arguments: [
        (["prepare"], "at least one -e/--environment-file is needed"),
        (["prepare", "-e"], "-e needs a value"),
        (["prepare", "-e", "x.yaml", "--concurrency", "0"], "--concurrency: expected a number >= 1, got '0'"),
        (["prepare", "-e", "x.yaml", "--bogus"], "unknown argument '--bogus'"),
    ])
    func usageErrors(words: [String], message: String) throws {
        let out = respond(["overcloud-deploy", "container_image_prepare"] + words)
        #expect(out.status == 2)
        #expect(out.stderr.contains(message))
    }

    @Test func missingEnvironmentFileFails() throws {
        let out = respond(["/usr/bin/container_image_prepare", "prepare", "-e", "/nonexistent/env.yaml", "--dry-run"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("/nonexistent/env.yaml: no such file"))
    }

    @Test func defaultPrintsTheFile() throws {
        let out = respond(["overcloud-deploy", "container_image_prepare", "default", "--local-push-destination"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("  ContainerImagePrepare:\n  - push_destination: true\n"))
        let json = respond(["overcloud-deploy", "container_image_prepare", "default", "--json"])
        #expect(json.stdout.contains("\"content\": "))
    }

    /// `kolla-build-command`: the kolla images the run would copy (not the ceph one, not those of an
    /// entry without push_destination), shell-quoted; excludes and template-only as kolla_builder.
    @Test func kollaBuildCommandPrintsTheCommandLines() throws {
        let env = "/tmp/overcloud-containers-kolla-build-command-test.yaml"
        let set = "{namespace: docker.io/tripleorocky, name_prefix: centos-binary-, tag: current-tripleo, ceph_image: daemon, ceph_tag: t}"
        let yaml = """
            parameter_defaults:
              ContainerImagePrepare:
              - {push_destination: '192.0.2.1:8787', set: \(set), includes: ['nova-libvirt', 'nova-compute:', 'ceph/daemon']}
              - {set: \(set), includes: ['heat-api:']}
            """
        try LocalFileSystem().write(Array(yaml.utf8), to: env, permissions: 0o600, uid: nil, gid: nil)
        let command = ["overcloud-deploy", "container_image_prepare", "kolla-build-command", "-e", env, "--image-map", "rocky"]
        let build = respond(command + ["--config-file", "kolla-config.conf"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout == "kolla-build --config-file kolla-config.conf '^nova-compute$' '^nova-libvirt$'\n")
        let template = respond(command + ["--exclude", "nova-compute", "--template-only", "--work-dir", "/tmp/kolla work"])
        #expect(template.status == 0, "\(template.stderr)")
        #expect(
            template.stdout == """
                kolla-build '^nova-libvirt$' --template-only --work-dir '/tmp/kolla work'
                kolla-build '^nova-libvirt$' --list-dependencies

                """)
        let usage = respond(command + ["--template-only"])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--template-only and --work-dir go together"))
        let help = respond(["container_image_prepare", "kolla-build-command", "--help"])
        #expect(help.stdout.contains("kolla-build-command -e FILE"))
    }
}
