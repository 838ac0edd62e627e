"""DockerInsecureRegistryAddress as tripleo-common decides it: the push destination is probed
(HTTPS failing with a TLS error twice → insecure), once per host per run, also in dry_run and
check mode; insecure_registries forces a host; a host that does not answer counts as secure."""
import registries
from support import SRC, entry, environment

DST, TLS = registries.netloc("dst"), registries.netloc("tls")
NOBODY = "127.0.0.1:5419"  # i15a's port range; nothing listens there


def insecure_param(run):
    return run.result["params"]["parameter_defaults"].get("DockerInsecureRegistryAddress")


def test_plain_http_push_destination_is_probed_in_dry_run(copier):
    run = copier.cli(environment(entry(["keystone"], DST)), "--dry-run", insecure=(SRC,))
    assert run.rc == 0, run
    assert insecure_param(run) == [SRC, DST], run
    assert "DockerInsecureRegistryAddress" in run.output_text


def test_plain_http_push_destination_is_probed_in_check_mode(copier):
    run = copier.module({
        "environment": environment(entry(["keystone"], DST)), "insecure_registries": [SRC], "_ansible_check_mode": True})
    assert run.rc == 0, run
    assert insecure_param(run) == [SRC, DST], run


def test_tls_registry_with_our_ca_is_secure(copier):
    run = copier.cli(environment(entry(["keystone"], TLS)), "--dry-run", "--ca-file", str(registries.ca_file()),
                     insecure=(SRC,))
    assert run.rc == 0, run
    assert insecure_param(run) == [SRC], run


def test_tls_registry_without_our_ca_is_insecure(copier):
    """tripleo-common: the certificate fails, https without verification answers → insecure (LP#1833751)."""
    run = copier.cli(environment(entry(["keystone"], TLS)), "--dry-run", insecure=(SRC,))
    assert run.rc == 0, run
    assert insecure_param(run) == [SRC, TLS], run


def test_a_host_that_does_not_answer_is_secure_unless_forced(copier):
    run = copier.cli(environment(entry(["keystone"], NOBODY)), "--dry-run", insecure=(SRC,))
    assert run.rc == 0, run
    assert insecure_param(run) == [SRC], run
    forced = copier.cli(environment(entry(["keystone"], NOBODY)), "--dry-run", insecure=(SRC, NOBODY))
    assert insecure_param(forced) == [SRC, NOBODY], forced


def test_the_copy_reuses_the_probe(copier, fresh):
    """No --insecure-registry for the destination: the probe finds plain HTTP, the copy uses it."""
    dst = fresh("dst")
    run = copier.cli(environment(entry(["keystone"], DST)), insecure=(SRC,))
    assert run.rc == 0, run
    assert insecure_param(run) == [SRC, DST], run
    assert dst.manifest("tripleomaster/openstack-keystone", "current-tripleo"), run
