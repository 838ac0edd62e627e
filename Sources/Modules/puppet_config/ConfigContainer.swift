import ContainerNotation
import JSON

/// The one-shot container that generates one config volume (TripleO's `container-puppet-<volume>`
/// definition): the config image as root, our entrypoint script, the config-data root read-write,
/// the host's Puppet and CA files read-only, host or no network, SELinux labelling off.
struct ConfigContainer: Equatable {
    /// Where the entrypoint script is mounted inside the container.
    static let scriptPath = "/var/lib/container-puppet/container-puppet.sh"
    /// Where the live `puppet-generated/<volume>` tree is mounted in check mode.
    static let liveMount = "/var/lib/config-data-live"
    /// Host mounts TripleO always passes; here each is passed only when its source exists, so the
    /// daemon never creates empty root-owned directories in their place.
    static let hostMounts = [
        "/etc/localtime:/etc/localtime:ro",
        "/etc/puppet:/tmp/puppet-etc:ro",
        "/etc/pki/ca-trust/extracted:/etc/pki/ca-trust/extracted:ro",
        "/etc/pki/tls/certs/ca-bundle.crt:/etc/pki/tls/certs/ca-bundle.crt:ro",
        "/etc/pki/tls/certs/ca-bundle.trust.crt:/etc/pki/tls/certs/ca-bundle.trust.crt:ro",
        "/etc/pki/tls/cert.pem:/etc/pki/tls/cert.pem:ro",
        "/var/lib/container-puppet/puppetlabs/facter.conf:/etc/puppetlabs/facter/facter.conf:ro",
        "/var/lib/container-puppet/puppetlabs:/opt/puppetlabs:ro",
        "/usr/share/openstack-puppet/modules:/usr/share/openstack-puppet/modules:ro",
        "/dev/log:/dev/log:rw",
    ]

    var name: String
    var image: String
    /// `KEY=VALUE` entries, sorted by key.
    var environment: [String]
    /// `source:dest[:mode]`, sorted and unique.
    var binds: [String]
    var netHost: Bool
    var privileged: Bool
    var labels: [(String, String)]

    static func == (lhs: ConfigContainer, rhs: ConfigContainer) -> Bool {
        lhs.name == rhs.name && lhs.image == rhs.image && lhs.environment == rhs.environment && lhs.binds == rhs.binds
            && lhs.netHost == rhs.netHost && lhs.privileged == rhs.privileged && lhs.labels.map(\.0) == rhs.labels.map(\.0)
            && lhs.labels.map(\.1) == rhs.labels.map(\.1)
    }

    /// The definition for `group` under `settings`.
    /// - Parameter exists: whether a host path exists (for the optional host mounts).
    init(_ group: VolumeGroup, settings: RunSettings, exists: (String) -> Bool) {
        name = settings.namePrefix + group.volume
        image = group.image
        var env: [String: String] = [
            "PUPPET_TAGS": group.puppetTags,
            "NAME": group.volume,
            "STEP": String(settings.step == 1 ? 6 : settings.step),
            "NET_HOST": settings.netHost ? "true" : "false",
            "DEBUG": settings.debug ? "true" : "false",
            "HOSTNAME": settings.hostname,
            "NO_ARCHIVE": settings.noArchive ? "true" : "",
            "STEP_CONFIG": group.manifest,
        ]
        if settings.checkMode { env["CHECK_DIFF"] = "true" }
        environment = env.keys.sorted().map { "\($0)=\(env[$0] ?? "")" }

        var mounts = Self.hostMounts.filter { exists(Self.source(of: $0)) }
        if settings.netHost && exists("/etc/hosts") { mounts.append("/etc/hosts:/etc/hosts:ro") }
        if settings.checkMode {
            if exists("/etc/puppet/check-mode") { mounts.append("/etc/puppet/check-mode:/tmp/puppet-check-mode:ro") }
            let live = "\(settings.livePrefix)/puppet-generated/\(group.volume)"
            if exists(live) { mounts.append("\(live):\(Self.liveMount):ro") }
        }
        mounts.append("\(settings.runPrefix):/var/lib/config-data:rw")
        mounts.append("\(settings.scriptHostPath):\(Self.scriptPath):ro")
        binds = Array(Set(mounts + group.volumes)).sorted()
        netHost = settings.netHost
        privileged = group.privileged
        labels = [("managed_by", "overcloud.containers.puppet_config"), ("config_volume", group.volume)]
    }

    /// The mount source (`/a:/b:ro` → `/a`).
    static func source(of bind: String) -> String {
        VolumeSpec.source(of: bind)
    }

    /// The body of `POST /containers/create`.
    var createBody: JSONValue {
        var host = JSONObject()
        host["Binds"] = .array(binds.map { .string($0) })
        host["NetworkMode"] = .string(netHost ? "host" : "none")
        host["Privileged"] = .bool(privileged)
        host["SecurityOpt"] = ["label=disable"]
        var body = JSONObject()
        body["Image"] = .string(image)
        body["User"] = "0"
        body["Entrypoint"] = ["/bin/bash", .string(Self.scriptPath)]
        body["Cmd"] = .array([])
        body["Env"] = .array(environment.map { .string($0) })
        body["Labels"] = .object(JSONObject(labels.map { ($0.0, .string($0.1)) }))
        body["HostConfig"] = .object(host)
        return .object(body)
    }
}

/// What every config container of one run shares.
struct RunSettings: Sendable {
    var step: Int
    /// The config-data root of the live trees.
    var livePrefix: String
    /// Where this run writes: `livePrefix`, or `livePrefix/check-mode` in check mode.
    var runPrefix: String
    var netHost: Bool
    var debug: Bool
    var noArchive: Bool
    var hostname: String
    var checkMode: Bool
    var namePrefix: String
    /// The entrypoint script on the host.
    var scriptHostPath: String
}
