import Testing

@testable import PuppetConfig

/// What the module makes of the container's output: Puppet's error lines, the check-mode diff's
/// paths, the checksum files.
@Suite struct OutputTests {
    @Test func puppetErrorLines() {
        let stderr = """
            Warning: something
            Error: Evaluation Error: Unknown resource type: 'nosuch' (file: /etc/config.pp, line: 2) on node n
            Error: Evaluation Error: Unknown resource type: 'nosuch' (file: /etc/config.pp, line: 2) on node n
            puppet apply failed with exit code 1
            """
        #expect(
            VolumeRun.puppetErrors(stdout: "Notice: x", stderr: stderr) == [
                "Error: Evaluation Error: Unknown resource type: 'nosuch' (file: /etc/config.pp, line: 2) on node n",
                "puppet apply failed with exit code 1",
            ])
        #expect(VolumeRun.puppetErrors(stdout: "", stderr: "a\nb\nbash: oops") == ["a", "b", "bash: oops"])
    }

    @Test func outcomeReason() {
        var outcome = VolumeOutcome(volume: "k", container: "c")
        outcome.rc = 4
        outcome.errors = ["Error: x"]
        #expect(!outcome.succeeded && outcome.reason == "exit code 4: Error: x")
        outcome.rc = 2
        #expect(outcome.succeeded)
        outcome.engineError = "No such image: x"
        outcome.attempts = 3
        #expect(!outcome.succeeded && outcome.reason == "engine error after 3 tries: No such image: x")
    }

    @Test func diffHeadersGetHostPaths() {
        let diff = """
            diff -ruN --no-dereference /var/lib/config-data-live/etc/k.conf /var/lib/config-data/puppet-generated/k/etc/k.conf
            --- /var/lib/config-data-live/etc/k.conf\t2026-01-01
            +++ /var/lib/config-data/puppet-generated/k/etc/k.conf\t2026-01-01
            @@ -1 +1 @@
            -/var/lib/config-data-live stays in content
            +debug=True
            """
        let relabelled = CheckModeDiff.relabel(diff, volume: "k", livePrefix: "/d", runPrefix: "/d/check-mode")
        let lines = relabelled.split(separator: "\n").map(String.init)
        #expect(lines[0] == "diff -ruN --no-dereference /d/puppet-generated/k/etc/k.conf /d/check-mode/puppet-generated/k/etc/k.conf")
        #expect(lines[1] == "--- /d/puppet-generated/k/etc/k.conf\t2026-01-01")
        #expect(lines[2] == "+++ /d/check-mode/puppet-generated/k/etc/k.conf\t2026-01-01")
        #expect(lines[4] == "-/var/lib/config-data-live stays in content")
    }

    @Test func checksumFileReading() {
        #expect(CheckModeDiff.replace("ab", with: "x", in: "abcab") == "xcx")
        #expect(CheckModeDiff.replace("", with: "x", in: "abc") == "abc")
    }

    /// The script's checksum recipe: TripleO's pipeline with a stable name order.
    @Test func scriptChecksumRecipe() {
        let script = EntrypointScript.text
        #expect(script.contains("tar -c --sort=name --mtime='1970-01-01'"))
        #expect(script.contains(##"sed '/^#.*HEADER.*/d; s/\#.HEADER.*//g' | md5sum"##))
        #expect(script.contains("--detailed-exitcodes"))
        #expect(script.hasPrefix("#!/bin/bash\n"))
    }
}
