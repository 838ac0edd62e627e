"""TLS with a self-signed CA and htpasswd basic auth, bearer tokens (with expiry mid-copy), and
credentials that never show up anywhere."""
import json
import subprocess
import urllib.request

import pytest

import registries
import support
from fault_proxy import Rule
from support import SRC, entry, environment

TLS, TOK, TOKEN = registries.netloc("tls"), registries.netloc("tok"), registries.netloc("token")
DST = registries.netloc("dst")


def creds(name, password=None):
    s = registries.secret()[name]
    return {registries.netloc(name): {s["user"]: password or s["password"]}}


def assert_no_secret(run):
    for name in ("tls", "tok"):
        password = registries.secret()[name]["password"]
        assert password not in run.everything(), f"the {name} password leaked"


def token_admin(**query):
    url = f"http://{TOKEN}/admin?" + "&".join(f"{k}={v}" for k, v in query.items())
    with urllib.request.urlopen(url, timeout=5) as r:
        return json.load(r)


def token_stats(reset=False):
    with urllib.request.urlopen(f"http://{TOKEN}/{'reset' if reset else 'stats'}", timeout=5) as r:
        return json.load(r)


@pytest.fixture
def token_settings(infra):
    token_stats(reset=True)
    yield token_admin
    token_admin(valid_for=300)


def test_tls_basic_auth_with_ca_file(copier, src, fresh):
    dst = fresh("tls")
    svcs = ["keystone", "nova-api"]
    run = copier.cli(environment(entry(svcs, TLS), credentials=creds("tls")),
                     "--ca-file", str(registries.ca_file()), insecure=(SRC,))
    assert run.rc == 0, run
    for svc in svcs:
        repo = f"tripleomaster/openstack-{svc}"
        support.assert_same_image(src, repo, "current-tripleo", dst, repo, "current-tripleo")
    assert run.result["params"]["parameter_defaults"]["ContainerKeystoneImage"] == \
        f"{TLS}/tripleomaster/openstack-keystone:current-tripleo"
    assert_no_secret(run)


def test_tls_no_verify_registry(copier, src, fresh):
    dst = fresh("tls")
    run = copier.cli(environment(entry(["cron"], TLS), credentials=creds("tls")),
                     "--no-verify-registry", TLS, insecure=(SRC,))
    assert run.rc == 0, run
    support.assert_same_image(src, "tripleomaster/openstack-cron", "current-tripleo",
                              dst, "tripleomaster/openstack-cron", "current-tripleo")
    assert_no_secret(run)


def test_wrong_password_fails_naming_the_image(copier, fresh):
    dst = fresh("tls")
    wrong = "Wrong-" + registries.secret()["tls"]["password"][::-1]
    run = copier.cli(environment(entry(["cron"], TLS), credentials=creds("tls", wrong)),
                     "--ca-file", str(registries.ca_file()), "--debug", insecure=(SRC,), timeout=120)
    assert run.rc == 1, run
    assert run.result["failed"] is True
    assert "openstack-cron" in run.result["msg"], run
    assert "openstack-cron" in run.stderr
    assert wrong not in run.everything()
    assert_no_secret(run)
    assert dst.catalog() == []


def test_module_result_and_log_hide_credentials(copier, src, fresh):
    dst = fresh("tls")
    env = environment(entry(["memcached"], TLS), credentials=creds("tls"))
    run = copier.module({"environment": env, "insecure_registries": [SRC], "ca_file": str(registries.ca_file())})
    assert run.result.get("failed") is not True, run
    assert run.result["changed"] is True
    support.assert_same_image(src, "tripleomaster/openstack-memcached", "current-tripleo",
                              dst, "tripleomaster/openstack-memcached", "current-tripleo")
    assert run.log_text, "no log file written"
    assert_no_secret(run)


def test_bearer_token_flow(copier, src, fresh, token_settings):
    dst = fresh("tok")
    svcs = ["glance-api", "horizon"]
    run = copier.cli(environment(entry(svcs, TOK), credentials=creds("tok")), insecure=(SRC, TOK))
    assert run.rc == 0, run
    for svc in svcs:
        repo = f"tripleomaster/openstack-{svc}"
        support.assert_same_image(src, repo, "current-tripleo", dst, repo, "current-tripleo")
    stats = token_stats()
    assert stats["issued"] >= 1 and stats["denied"] == 0, stats
    assert any("push" in scope for scope in stats["scopes"]), stats
    assert_no_secret(run)


def test_bearer_token_source(copier, fresh, token_settings):
    """Pulling through tokens (the usual upstream case), pushing to plain HTTP."""
    tok = fresh("tok")
    s = registries.secret()["tok"]
    repo = "tripleomaster/openstack-haproxy"
    seeded = subprocess.run(["skopeo", "copy", "-q", "--src-tls-verify=false", "--dest-tls-verify=false",
                             "--dest-creds", f"{s['user']}:{s['password']}",
                             f"docker://{SRC}/{repo}:current-tripleo", f"docker://{TOK}/{repo}:current-tripleo"],
                            capture_output=True, text=True)
    assert seeded.returncode == 0, seeded.stderr
    dst = fresh("dst")
    token_stats(reset=True)
    run = copier.cli(environment(entry(["haproxy"], DST, namespace=f"{TOK}/tripleomaster"), credentials=creds("tok")),
                     insecure=(TOK, DST))
    assert run.rc == 0, run
    support.assert_same_image(tok, repo, "current-tripleo", dst, repo, "current-tripleo")
    stats = token_stats()
    assert stats["issued"] >= 1 and stats["denied"] == 0 and stats["basic"] >= 1, stats
    assert all(scope.endswith(":pull") for scope in stats["scopes"]), stats
    assert_no_secret(run)


@pytest.mark.parametrize("advertise", [None, 300], ids=["expires_in-honest", "expires-early-401"])
def test_token_expiry_mid_copy(copier, src, fresh, proxy, token_settings, advertise):
    """Tokens valid for 2 s, a copy of about 10 s: refreshed on expiry, or on the 401 when the
    service announced a longer lifetime than the registry grants."""
    dst = fresh("tok")
    token_settings(valid_for=2, **({"advertise": advertise} if advertise else {}))
    front = proxy(TOK)
    # Slow writes: the copy outlives several tokens.
    for method, kind in ((None, "blob_put"), (None, "mount"), ("PUT", "manifest")):
        front.add(Rule(method, kind, delay=0.6))
    svcs = ["nova-conductor", "nova-scheduler", "neutron-server", "cinder-api"]
    run = copier.cli(environment(entry(svcs, front.netloc), credentials={front.netloc: creds("tok")[TOK]}),
                     "--concurrency", "1", insecure=(SRC, front.netloc))
    assert run.rc == 0, run
    for svc in svcs:
        repo = f"tripleomaster/openstack-{svc}"
        support.assert_same_image(src, repo, "current-tripleo", dst, repo, "current-tripleo")
    stats = token_stats()
    assert max(stats["scopes"].values()) >= 2, f"no token was ever refreshed: {stats}"
    assert_no_secret(run)

