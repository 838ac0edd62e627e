import ContainerImagePrepare
import Testing

/// The command-line face: which argv it takes, usage errors, the `default` verb (no registry needed).
@Suite struct PrepareCommandTests {
    @Test func moduleRunnerArgvIsNotACommand() {
        #expect(PrepareCommand.respond(to: ["overcloud-deploy", "container_image_prepare", "/tmp/args.json"]) == nil)
        #expect(PrepareCommand.respond(to: ["overcloud-deploy", "modify_image", "prepare"]) == nil)
        #expect(PrepareCommand.respond(to: ["/x/container_image_prepare", "--help"]) == nil)
    }

    @Test(arguments: [
        (["prepare"], "at least one -e/--environment-file is needed"),
        (["prepare", "-e"], "-e needs a value"),
        (["prepare", "-e", "x.yaml", "--concurrency", "0"], "--concurrency: expected a number >= 1, got '0'"),
        (["prepare", "-e", "x.yaml", "--bogus"], "unknown argument '--bogus'"),
    ])
    func usageErrors(words: [String], message: String) throws {
        let out = try #require(PrepareCommand.respond(to: ["overcloud-deploy", "container_image_prepare"] + words))
        #expect(out.status == 2)
        #expect(out.stderr.contains(message))
    }

    @Test func missingEnvironmentFileFails() throws {
        let out = try #require(PrepareCommand.respond(to: ["/usr/bin/container_image_prepare", "prepare", "-e", "/nonexistent/env.yaml", "--dry-run"]))
        #expect(out.status == 1)
        #expect(out.stderr.contains("/nonexistent/env.yaml: no such file"))
    }

    @Test func defaultPrintsTheFile() throws {
        let out = try #require(PrepareCommand.respond(to: ["overcloud-deploy", "container_image_prepare", "default", "--local-push-destination"]))
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("  ContainerImagePrepare:\n  - push_destination: true\n"))
        let json = try #require(PrepareCommand.respond(to: ["overcloud-deploy", "container_image_prepare", "default", "--json"]))
        #expect(json.stdout.contains("\"content\": "))
    }
}
