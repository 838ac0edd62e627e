"""DockerInsecureRegistryAddress as tripleo-common 18 decides it (is_insecure_registry), on real registries:
each push destination named in no list is probed once per run, also in dry_run and check mode; HTTPS failing
and plain HTTP answering → insecure; a TLS registry whose certificate our CA vouches for → secure, without it →
insecure (https without verification answers, LP#1833751); insecure_registries forces a host; a host that does not
answer counts as secure. The sources are not probed (only what insecure_registries names is listed for them)."""
import socket

import pytest
import yaml

import registries
from support import SRC, entry, environment

DST, TLS = registries.netloc("dst"), registries.netloc("tls")


@pytest.fixture
def nobody():
    """A loopback host:port where nothing listens (a port the kernel just handed out and took back)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{s.getsockname()[1]}"


def insecure_param(run):
    return run.result.get("params", {}).get("parameter_defaults", {}).get("DockerInsecureRegistryAddress")


def test_plain_http_push_destination_is_probed_in_dry_run(copier):
    run = copier.cli(environment(entry(["keystone", "glance-api"], DST)), "--dry-run", insecure=(SRC,))
    assert run.rc == 0, run
    assert insecure_param(run) == [DST], run
    written = yaml.safe_load(run.output_text)["parameter_defaults"]
    assert written["DockerInsecureRegistryAddress"] == [DST], run.output_text


def test_plain_http_push_destination_is_probed_in_check_mode(copier):
    run = copier.module({"environment": environment(entry(["keystone"], DST)), "insecure_registries": [SRC],
                         "_ansible_check_mode": True})
    assert run.rc == 0, run
    assert insecure_param(run) == [DST], run
    assert [c["status"] for c in run.copies()] in (["copied"], ["present"]), run


def test_tls_registry_with_our_ca_is_secure(copier):
    run = copier.cli(environment(entry(["keystone"], TLS)), "--dry-run", "--ca-file", str(registries.ca_file()),
                     insecure=(SRC,))
    assert run.rc == 0, run
    assert insecure_param(run) is None, run


def test_tls_registry_without_our_ca_is_insecure(copier):
    run = copier.cli(environment(entry(["keystone"], TLS)), "--dry-run", insecure=(SRC,))
    assert run.rc == 0, run
    assert insecure_param(run) == [TLS], run


def test_a_host_that_does_not_answer_is_secure_unless_forced(copier, nobody):
    run = copier.cli(environment(entry(["keystone"], nobody)), "--dry-run", insecure=(SRC,))
    assert run.rc == 0, run
    assert insecure_param(run) is None, run
    forced = copier.cli(environment(entry(["keystone"], nobody)), "--dry-run", insecure=(SRC, nobody))
    assert forced.rc == 0, forced
    assert insecure_param(forced) == [nobody], forced


def test_sources_are_listed_only_when_named(copier):
    """An entry without push_destination keeps the source's host in its parameters; it is not probed."""
    plain = entry(["keystone"], None)
    assert insecure_param(copier.cli(environment(plain), "--dry-run", insecure=())) is None
    assert insecure_param(copier.cli(environment(plain), "--dry-run", insecure=(SRC,))) == [SRC]


def test_the_copy_uses_what_the_probe_found(copier, fresh):
    """No --insecure-registry for the destination: the probe finds plain HTTP, the copy speaks it."""
    dst = fresh("dst")
    run = copier.cli(environment(entry(["keystone"], DST)), insecure=(SRC,))
    assert run.rc == 0, run
    assert insecure_param(run) == [DST], run
    assert dst.manifest("tripleomaster/openstack-keystone", "current-tripleo"), run
