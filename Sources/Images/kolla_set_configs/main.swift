// kolla_set_configs: Kolla's set_configs.py as a static Swift binary for container images.
// Reads /var/lib/kolla/config_files/config.json; KOLLA_CONFIG_STRATEGY=COPY_ALWAYS|COPY_ONCE; --check.
// Exit codes: 0 done / in sync, 1 differs, missing or invalid (reason logged), 2 unexpected error.
import KollaConfig
import KollaExclude
import Platform

let usage = "usage: kolla_set_configs [-h] [--check]\n"
var check = false
for argument in CommandLine.arguments.dropFirst() {
    switch argument {
    case "--check":
        check = true
    case "-h", "--help":
        StandardStreams.writeOut(
            usage + "\noptions:\n  -h, --help  show this help message and exit\n"
                + "  --check     Check whether the configs changed\n")
        StandardStreams.exit(0)
    default:
        StandardStreams.writeError(usage + "kolla_set_configs: error: unrecognized arguments: \(argument)\n")
        StandardStreams.exit(2)
    }
}

let tool = SetConfigs(excludes: ExcludePattern.python)
StandardStreams.exit(tool.run(check ? .check : .apply(strategy: Environment.get("KOLLA_CONFIG_STRATEGY"))))
