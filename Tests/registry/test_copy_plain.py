"""Copies between plain-HTTP registries: results, shared layers, no-op reruns, labels, OCI, lists."""
import support
from support import SRC, entry, environment

DST = support.registries.netloc("dst")


def test_plain_http_copy_matches_source(copier, src, fresh):
    dst = fresh("dst")
    svcs = ["keystone", "glance-api", "nova-api"]
    run = copier.cli(environment(entry(svcs, DST)))
    assert run.rc == 0, run
    assert run.result["changed"] is True
    copies = {c["target"]: c for c in run.result["copies"]}
    for svc in svcs:
        target = f"{DST}/tripleomaster/openstack-{svc}:current-tripleo"
        assert copies[target]["status"] == "copied", run
        assert copies[target]["source"] == f"{SRC}/tripleomaster/openstack-{svc}:current-tripleo"
        assert copies[target]["digest"] == src.manifest(f"tripleomaster/openstack-{svc}", "current-tripleo")[0]
        support.assert_same_image(src, f"tripleomaster/openstack-{svc}", "current-tripleo",
                                  dst, f"tripleomaster/openstack-{svc}", "current-tripleo")
    params = run.result["params"]["parameter_defaults"]
    assert params["ContainerKeystoneImage"] == f"{DST}/tripleomaster/openstack-keystone:current-tripleo"
    assert "ContainerKeystoneImage:" in run.output_text
    assert sorted(dst.catalog()) == sorted(f"tripleomaster/openstack-{s}" for s in svcs)
    # Progress: one line per image on stderr and in the log file, then a summary.
    for svc in svcs:
        line = f"copied {SRC}/tripleomaster/openstack-{svc}:current-tripleo -> {DST}/tripleomaster/openstack-{svc}"
        assert line in run.stderr and line in run.log_text, line
    assert "copy: 3 images: 3 copied" in run.stderr


def test_shared_layers_each_blob_uploaded_once_then_noop(copier, src, fresh, proxy, all_services):
    """>= 20 images sharing base layers: each unique blob crosses once; the rerun transfers nothing."""
    assert len(all_services) >= 20
    dst = fresh("dst")
    front_dst, front_src = proxy(DST), proxy(SRC)
    env = environment(entry(all_services, front_dst.netloc, namespace=f"{front_src.netloc}/tripleomaster"))
    insecure = (front_src.netloc, front_dst.netloc)
    run = copier.cli(env, insecure=insecure)
    assert run.rc == 0, run
    unique, per_image = set(), {}
    for svc in all_services:
        repo = f"tripleomaster/openstack-{svc}"
        per_image[svc] = support.assert_same_image(src, repo, "current-tripleo", dst, repo, "current-tripleo")
        unique |= per_image[svc]
    uploads, mounts = dict(front_dst.uploads), dict(front_dst.mounts)
    # Every unique blob was uploaded exactly once; every other repository got it by a mount.
    assert set(uploads) == unique, f"uploaded {len(uploads)} of {len(unique)} unique blobs"
    assert all(n == 1 for n in uploads.values()), {d: n for d, n in uploads.items() if n > 1}
    needed = sum(len(b) for b in per_image.values())
    assert sum(uploads.values()) + sum(mounts.values()) == needed, (uploads, mounts)
    # The source gave each unique blob once, and no more manifests were written than images.
    assert front_src.count("GET", "blob") == len(unique), front_src.snapshot()
    assert sum(front_dst.manifest_puts.values()) == len(all_services)
    stats = run.result["copy_stats"]
    assert stats["copied"] == len(all_services) and stats["failed"] == 0
    assert stats["blobs_uploaded"] == len(unique)
    assert {c["status"] for c in run.result["copies"]} <= {"copied", "skipped"}, run

    # No-op: nothing transferred, nothing written, changed false.
    front_dst.reset_counts()
    front_src.reset_counts()
    again = copier.cli(env, insecure=insecure)
    assert again.rc == 0, again
    assert again.result["changed"] is False, again
    assert {c["status"] for c in again.result["copies"]} <= {"present", "skipped"}, again
    assert again.result["copy_stats"]["present"] == len(all_services), again
    writes = sum(front_dst.count(m) for m in ("POST", "PUT", "PATCH", "DELETE"))
    assert writes == 0, front_dst.snapshot()
    assert front_src.count("GET", "blob") == 0 and front_dst.count("GET", "blob") == 0, front_src.snapshot()
    assert front_dst.count(None, "blob") == 0, front_dst.snapshot()
    assert again.result["copy_stats"]["bytes"] == 0
    # At most one manifest request per image on each side (plus the /v2/ checks).
    assert front_src.count(None, "manifest") <= len(all_services), front_src.snapshot()
    assert front_dst.count(None, "manifest") <= len(all_services), front_dst.snapshot()


def test_check_mode_reads_only(copier, fresh, proxy):
    dst = fresh("dst")
    front, front_src = proxy(DST), proxy(SRC)
    env = environment(entry(["keystone", "cron"], front.netloc, namespace=f"{front_src.netloc}/tripleomaster"))
    run = copier.module({"environment": env, "insecure_registries": [front_src.netloc, front.netloc],
                         "_ansible_check_mode": True})
    assert run.result.get("failed") is not True, run
    assert run.result["changed"] is True
    assert {c["status"] for c in run.result["copies"]} == {"copied"}, run
    assert sum(front.count(m) for m in ("POST", "PUT", "PATCH", "DELETE")) == 0, front.snapshot()
    assert front_src.count(None, "blob") == 0 and front.count(None, "blob") == 0, (front_src.snapshot(), front.snapshot())
    assert dst.catalog() == []


def test_module_protocol_result_keys(copier, src, fresh):
    dst = fresh("dst")
    env = environment(entry(["memcached"], DST))
    run = copier.module({"environment": env, "insecure_registries": [SRC, DST], "concurrency": 2})
    assert run.result.get("failed") is not True, run
    for key in ("params", "uploads", "copies", "copy_stats"):
        assert key in run.result, key
    assert run.result["changed"] is True
    support.assert_same_image(src, "tripleomaster/openstack-memcached", "current-tripleo",
                              dst, "tripleomaster/openstack-memcached", "current-tripleo")
    assert "copied" in run.log_text or "memcached" in run.log_text
    again = copier.module({"environment": env, "insecure_registries": [SRC, DST]})
    assert again.result["changed"] is False, again


def test_tag_from_label_reads_image_config_labels(copier, src, fresh):
    """No tag in `set`: the tag comes from each image's own config labels (different per image)."""
    dst = fresh("dst")
    svcs = ["nova-compute", "heat-engine"]
    run = copier.cli(environment(entry(svcs, DST, tag=None, tag_from_label="rdo_version")))
    assert run.rc == 0, run
    params = run.result["params"]["parameter_defaults"]
    assert params["ContainerNovaComputeImage"] == \
        f"{DST}/tripleomaster/openstack-nova-compute:{support.rdo_version('nova-compute')}"
    assert params["ContainerHeatEngineImage"] == \
        f"{DST}/tripleomaster/openstack-heat-engine:{support.rdo_version('heat-engine')}"
    for svc in svcs:
        repo = f"tripleomaster/openstack-{svc}"
        support.assert_same_image(src, repo, support.rdo_version(svc), dst, repo, support.rdo_version(svc))

    template = copier.cli(environment(entry(["cron"], DST, tag=None, tag_from_label="{version}-{release}")))
    assert template.rc == 0, template
    assert template.result["params"]["parameter_defaults"]["ContainerCrondImage"] == \
        f"{DST}/tripleomaster/openstack-cron:18.0.0-1.el9"
    assert dst.manifest("tripleomaster/openstack-cron", "18.0.0-1.el9")


def test_oci_manifest_copied_byte_for_byte(copier, src, fresh):
    dst = fresh("dst")
    assert src.manifest("tripleooci/openstack-keystone", "current-tripleo")[1] == \
        "application/vnd.oci.image.manifest.v1+json", "fixture: OCI image missing (skopeo?)"
    run = copier.cli(environment(entry(["keystone"], DST, namespace=f"{SRC}/tripleooci")))
    assert run.rc == 0, run
    support.assert_same_image(src, "tripleooci/openstack-keystone", "current-tripleo",
                              dst, "tripleooci/openstack-keystone", "current-tripleo")


def test_manifest_list_with_multi_arch(copier, src, fresh):
    dst = fresh("dst")
    assert src.manifest("tripleomulti/openstack-keystone", "current-tripleo")[1] in support.LIST_TYPES
    # AdditionalArchitectures turns multi_arch on (as in tripleo-common; no `multi_arch` key in the entry).
    run = copier.cli(environment(entry(["keystone"], DST, namespace=f"{SRC}/tripleomulti"),
                                 AdditionalArchitectures=["arm64"]))
    assert run.rc == 0, run
    support.assert_same_image(src, "tripleomulti/openstack-keystone", "current-tripleo",
                              dst, "tripleomulti/openstack-keystone", "current-tripleo")
    _, _, listed = dst.manifest("tripleomulti/openstack-keystone", "current-tripleo")
    for child in listed["manifests"]:
        assert dst.manifest("tripleomulti/openstack-keystone", child["digest"]), child


def test_dry_run_opens_no_connection(copier, fresh, proxy):
    fresh("dst")
    front_src, front_dst = proxy(SRC), proxy(DST)
    env = environment(entry(["keystone"], front_dst.netloc, namespace=f"{front_src.netloc}/tripleomaster"))
    run = copier.cli(env, "--dry-run", insecure=(front_src.netloc, front_dst.netloc))
    assert run.rc == 0, run
    assert run.result["copies"] == []
    assert front_src.count() == 0 and front_dst.count() == 0


def test_blobs_already_in_the_repository_are_not_sent_again(copier, src, fresh, proxy):
    """The manifest is gone but every blob is still there (an interrupted copy): HEAD finds them."""
    dst = fresh("dst")
    repo = "tripleomaster/openstack-placement-api"
    assert copier.cli(environment(entry(["placement-api"], DST))).rc == 0
    digest = dst.manifest(repo, "current-tripleo")[0]
    assert dst.request("DELETE", f"/v2/{repo}/manifests/{digest}")[0] == 202
    assert dst.manifest(repo, "current-tripleo") is None
    front_src, front_dst = proxy(SRC), proxy(DST)
    run = copier.cli(environment(entry(["placement-api"], front_dst.netloc, namespace=f"{front_src.netloc}/tripleomaster")),
                     insecure=(front_src.netloc, front_dst.netloc))
    assert run.rc == 0, run
    (copy,) = run.copies()
    blobs = src.blobs(repo, "current-tripleo")
    assert (copy["status"], copy["blobs_present"], copy["blobs_uploaded"], copy["bytes"]) == ("copied", len(blobs), 0, 0), copy
    assert sum(front_dst.uploads.values()) == 0 and front_src.count("GET", "blob") == 0, (front_src.snapshot(), front_dst.snapshot())
    support.assert_same_image(src, repo, "current-tripleo", dst, repo, "current-tripleo")


def test_unlisted_plain_http_registries_are_probed(copier, src, fresh):
    """No --insecure-registry: the https handshake fails, so the copier falls back to http (as upstream)."""
    dst = fresh("dst")
    run = copier.cli(environment(entry(["heat-api"], DST)), insecure=())
    assert run.rc == 0, run
    support.assert_same_image(src, "tripleomaster/openstack-heat-api", "current-tripleo",
                              dst, "tripleomaster/openstack-heat-api", "current-tripleo")
