import JSON
import Testing

@testable import KollaDocker

/// `POST /containers/create` bodies (kolla-ansible.md §1.6 shapes, observed live from Kolla).
@Suite struct CreateRequestTests {
    @Test func minimalBody() throws {
        let body = CreateRequest.body(try Fixtures.validated(["action": "start_container", "name": "memcached", "image": "memcached:1"]))
        #expect(
            body == [
                "Image": "memcached:1", "Env": ["KOLLA_SERVICE_NAME=memcached", "TZ=UTC"], "Labels": [:], "Tty": false,
                "HostConfig": ["NetworkMode": "host", "Privileged": false, "RestartPolicy": ["Name": "no", "MaximumRetryCount": 0]],
            ])
    }

    @Test func fullBody() throws {
        let spec = try Fixtures.validated([
            "action": "start_container", "name": "nova_libvirt", "image": "quay.io/kolla/nova-libvirt:2025.1",
            "command": "/usr/sbin/libvirtd --listen 'a b'",
            "environment": ["KOLLA_CONFIG_STRATEGY": "COPY_ALWAYS", "EMPTY": nil, "N": 5],
            "labels": ["b": "2", "a": 1], "tty": true,
            "volumes": ["/etc/kolla/nova-libvirt/:/var/lib/kolla/config_files/:ro", "libvirtd:/var/lib/libvirt", "/anon", ""],
            "volumes_from": ["other"], "tmpfs": ["/run/x:size=1m", ""], "cap_add": ["SYS_ADMIN"], "group_add": ["0"],
            "security_opt": ["apparmor=unconfined"], "ipc_mode": "host", "pid_mode": "host", "cgroupns_mode": "host", "privileged": true,
            "dimensions": ["mem_limit": "1g", "blkio_weight": 10, "ulimits": ["memlock": ["soft": 67_108_864, "hard": 67_108_864]]],
            "healthcheck": ["test": "healthcheck_listen libvirtd 16509", "interval": "30", "timeout": 30, "start_period": 5, "retries": 3],
            "restart_policy": "on-failure", "restart_retries": 3,
        ])
        let body = CreateRequest.body(spec)
        #expect(body.at("Cmd") == ["/usr/sbin/libvirtd", "--listen", "a b"])
        #expect(body.at("Env") == ["KOLLA_CONFIG_STRATEGY=COPY_ALWAYS", "EMPTY=", "N=5", "KOLLA_SERVICE_NAME=nova-libvirt", "TZ=UTC"])
        #expect(body.at("Labels") == ["a": "1", "b": "2"])
        #expect(body.at("Tty") == true)
        #expect(body.at("Volumes") == ["/var/lib/kolla/config_files/": [:], "/var/lib/libvirt": [:], "/anon": [:]])
        #expect(
            body.at("Healthcheck") == [
                "Test": ["CMD-SHELL", "healthcheck_listen libvirtd 16509"], "Interval": 30_000_000_000, "Timeout": 30_000_000_000,
                "StartPeriod": 5_000_000_000, "Retries": 3,
            ])
        #expect(
            body.at("HostConfig") == [
                "NetworkMode": "host",
                "Binds": ["/etc/kolla/nova-libvirt/:/var/lib/kolla/config_files/:ro", "libvirtd:/var/lib/libvirt:rw"],
                "CapAdd": ["SYS_ADMIN"], "GroupAdd": ["0"], "SecurityOpt": ["apparmor=unconfined"], "IpcMode": "host", "PidMode": "host",
                "CgroupnsMode": "host", "Privileged": true, "Tmpfs": ["/run/x": "size=1m"], "VolumesFrom": ["other"],
                "Memory": .int(1 << 30), "BlkioWeight": 10, "Ulimits": [["Name": "memlock", "Soft": 67_108_864, "Hard": 67_108_864]],
                "RestartPolicy": ["Name": "on-failure", "MaximumRetryCount": 3],
            ])
        #expect(spec.volumes.named == ["libvirtd"])
    }

    /// Upstream: `healthcheck: {test: NONE}` creates without a healthcheck (Kolla omits the key, so the
    /// image's HEALTHCHECK stays on); we send Docker's "disabled" so the image's one is off.
    @Test func healthcheckNoneDisables() throws {
        let body = CreateRequest.body(try Fixtures.desired(["healthcheck": ["test": ["NONE"]]]))
        #expect(body.at("Healthcheck") == ["Test": ["NONE"]])
    }

    /// Upstream: `tmpfs: ['']` → no Tmpfs; with `dimensions: {blkio_weight: 10}` only that key is added.
    @Test func emptyTmpfsAndOneDimension() throws {
        let body = CreateRequest.body(try Fixtures.desired(["tmpfs": [""], "dimensions": ["blkio_weight": 10]]))
        #expect(body.at("HostConfig", "Tmpfs") == nil)
        #expect(body.at("HostConfig", "BlkioWeight") == 10)
        #expect(body.at("HostConfig", "Memory") == nil)
    }

    @Test(arguments: [
        (nil as String?, "no", 0), ("no", "no", 0), ("oneshot", "no", 0), ("always", "always", 0),
        ("unless-stopped", "unless-stopped", 0), ("on-failure", "on-failure", 10),
    ])
    func restartPolicies(_ policy: String?, _ name: String, _ retries: Int) throws {
        var options: JSONObject = ["action": "start_container", "name": "x", "image": "i"]
        if let policy { options["restart_policy"] = .string(policy) }
        let body = CreateRequest.body(try Fixtures.validated(options))
        #expect(body.at("HostConfig", "RestartPolicy") == ["Name": .string(name), "MaximumRetryCount": .int(retries)])
    }

    @Test func kollaServiceNameAndTZCanBeGiven() throws {
        let body = CreateRequest.body(try Fixtures.desired(["name": "a_b", "environment": ["TZ": "Asia/Tokyo", "KOLLA_SERVICE_NAME": "custom"]]))
        #expect(body.at("Env") == ["TZ=Asia/Tokyo", "KOLLA_SERVICE_NAME=custom"])
    }
}
