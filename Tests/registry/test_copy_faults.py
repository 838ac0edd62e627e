"""Faults through the proxy (429 + Retry-After, 5xx, resets, slow answers), a persistent failure,
and a destination registry killed (SIGKILL) and restarted in the middle of a copy."""
import threading
import time

import registries
import support
from fault_proxy import Rule
from support import SRC, entry, environment

DST = registries.netloc("dst")


def test_transient_faults_the_copy_completes(copier, src, fresh, proxy):
    dst = fresh("dst")
    front_src, front_dst = proxy(SRC), proxy(DST)
    rules = [
        front_dst.add(Rule("POST", "blob_post", status=429, retry_after=1, times=2)),
        front_dst.add(Rule("HEAD", "blob", status=500, every=4, times=3)),
        front_dst.add(Rule(None, "blob_put", reset=True, times=2)),
        front_dst.add(Rule("PUT", "blob_put", status=503, after=4, times=1)),
        front_dst.add(Rule("PUT", "manifest", delay=1.5, times=2)),
        front_dst.add(Rule("PUT", "manifest", status=502, times=1)),
        front_src.add(Rule("GET", "blob", status=503, times=2)),
        front_src.add(Rule("GET", "blob", reset=True, after=3, times=1)),
        front_src.add(Rule("GET", "manifest", status=429, retry_after=1, times=1)),
        front_src.add(Rule("GET", "blob", delay=1.0, after=5, times=2)),
    ]
    # Chunked uploads (PATCH) are the copier's choice: a fault for them when it makes any.
    optional = front_dst.add(Rule("PATCH", "blob_patch", status=503, times=1))
    svcs = ["keystone", "glance-api", "nova-api", "nova-compute", "cinder-volume", "heat-api"]
    env = environment(entry(svcs, front_dst.netloc, namespace=f"{front_src.netloc}/tripleomaster"))
    run = copier.cli(env, insecure=(front_src.netloc, front_dst.netloc))
    assert run.rc == 0, run
    # Every kind of fault was really met (a rule that never fired tests nothing).
    unmet = [(r.method, r.kind, r.status, r.reset, r.delay) for r in rules if r.fired == 0 and r is not optional]
    assert not unmet, f"faults never injected: {unmet} (requests: {front_dst.snapshot()} {front_src.snapshot()})"
    for svc in svcs:
        repo = f"tripleomaster/openstack-{svc}"
        support.assert_same_image(src, repo, "current-tripleo", dst, repo, "current-tripleo")
    assert dst.partial_images() == []


def test_retry_after_is_honoured(copier, fresh, proxy):
    fresh("dst")
    front = proxy(DST)
    front.add(Rule("PUT", "manifest", status=429, retry_after=2, times=1))
    run = copier.cli(environment(entry(["cron"], front.netloc)), "--concurrency", "1",
                     insecure=(SRC, front.netloc))
    assert run.rc == 0, run
    puts = [t for t, method, path, _ in front.log if method == "PUT" and "/manifests/" in path]
    assert len(puts) == 2, front.log
    assert puts[1] - puts[0] >= 1.9, f"retried {puts[1] - puts[0]:.2f} s after a 429 with Retry-After: 2"


def test_persistent_failure_names_the_image(copier, src, fresh, proxy):
    dst = fresh("dst")
    front = proxy(DST)
    front.add(Rule("PUT", "manifest", path="openstack-rabbitmq/", status=500))
    svcs = ["rabbitmq", "mariadb"]
    run = copier.cli(environment(entry(svcs, front.netloc)), insecure=(SRC, front.netloc), timeout=180)
    assert run.rc == 1, run
    assert "openstack-rabbitmq" in run.result["msg"], run
    assert "openstack-rabbitmq" in run.stderr
    failed = run.copies("failed")
    assert [c["source"] for c in failed] == [f"{SRC}/tripleomaster/openstack-rabbitmq:current-tripleo"], run
    assert "openstack-rabbitmq" in failed[0]["msg"] or "500" in failed[0]["msg"]
    assert run.result["copy_stats"]["failed"] == 1
    assert run.result["changed"] is True, "openstack-mariadb was copied: changed must say so"
    # The other image is complete; the failed one is not visible at all.
    support.assert_same_image(src, "tripleomaster/openstack-mariadb", "current-tripleo",
                              dst, "tripleomaster/openstack-mariadb", "current-tripleo")
    assert dst.manifest("tripleomaster/openstack-rabbitmq", "current-tripleo") is None
    # The module says the same.
    mod = copier.module({"environment": environment(entry(svcs, front.netloc)),
                         "insecure_registries": [SRC, front.netloc]}, timeout=180)
    assert mod.result["failed"] is True and "openstack-rabbitmq" in mod.result["msg"], mod


def test_registry_killed_mid_copy_rerun_converges_never_partial(copier, src, fresh, proxy, all_services):
    dst = fresh("dst")
    front = proxy(DST)
    front.add(Rule(None, "blob_put", delay=0.15))
    front.add(Rule("POST", "mount", delay=0.05))
    env = environment(entry(all_services, front.netloc))
    partial, stop = [], threading.Event()

    def watch():
        # Every tag the registry shows must be complete, at every moment.
        while not stop.is_set():
            try:
                partial.extend(dst.partial_images())
            except (OSError, AssertionError, ValueError):
                pass  # the registry is down or restarting
            time.sleep(0.1)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    proc, rundir = copier.cli(env, "--concurrency", "2", insecure=(SRC, front.netloc), popen=True)
    try:
        deadline = time.monotonic() + 120
        while sum(front.uploads.values()) < 12 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert proc.poll() is None, "the copy finished before the registry could be killed"
        before = sum(front.manifest_puts.values())
        registries.kill("dst")
        time.sleep(1.0)
        registries.start("dst")
        out, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert before < len(all_services), "killed too late: every manifest was already pushed"
    first = copier.finish(type("P", (), {"returncode": proc.returncode, "stdout": out, "stderr": err})(), rundir)
    print(f"killed after {before} manifests; first run rc={first.rc} stats={first.result.get('copy_stats')}")
    # Whatever the first run says, a second one converges.
    front.clear_rules()
    again = copier.cli(env, insecure=(SRC, front.netloc))
    stop.set()
    watcher.join(5)
    assert again.rc == 0, (first, again)
    for svc in all_services:
        repo = f"tripleomaster/openstack-{svc}"
        support.assert_same_image(src, repo, "current-tripleo", dst, repo, "current-tripleo")
    assert partial == [], f"partial images were visible: {sorted(set(partial))[:5]}"
    assert dst.partial_images() == []
