"""The test rig itself, checked with skopeo and plain HTTP: if these fail, the copier tests mean nothing."""
import json
import subprocess
import time
import urllib.error
import urllib.request

import pytest

import registries
import support
from fault_proxy import Rule
from support import SRC


def test_fixture_images_share_layers_and_carry_labels(src, all_services):
    assert len(all_services) >= 20
    layer_sets = []
    for svc in all_services:
        repo = f"tripleomaster/openstack-{svc}"
        digest, media_type, manifest = src.manifest(repo, "current-tripleo")
        assert media_type == "application/vnd.docker.distribution.manifest.v2+json"
        for tag in (support.rdo_version(svc), "18.0.0-1.el9"):
            assert src.manifest(repo, tag)[0] == digest
        layer_sets.append([layer["digest"] for layer in manifest["layers"]])
        status, _, body = src.request("GET", f"/v2/{repo}/blobs/{manifest['config']['digest']}")
        assert status == 200
        labels = json.loads(body)["config"]["Labels"]
        assert (labels["version"], labels["release"], labels["rdo_version"]) == \
            ("18.0.0", "1.el9", support.rdo_version(svc))
    # busybox + common base + openstack-base shared by all; the top layer per service.
    assert len({tuple(layers[:3]) for layers in layer_sets}) == 1
    assert len({layers[3] for layers in layer_sets}) == len(all_services)


def test_tls_registry_needs_the_ca_and_the_password(infra):
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"https://{registries.netloc('tls')}/v2/", timeout=5)
    api = support.RegistryAPI.named("tls")
    assert api.request("GET", "/v2/")[0] == 200
    api.password = "wrong"
    assert api.request("GET", "/v2/")[0] == 401


def test_token_registry_refuses_expired_tokens(infra):
    s = registries.secret()["tok"]
    token_url = f"http://{registries.netloc('token')}"
    urllib.request.urlopen(f"{token_url}/admin?valid_for=2", timeout=5).close()
    try:
        api = support.RegistryAPI.named("tok")
        scope = "repository:tripleomaster/none:pull"
        api._token(f'Bearer realm="{token_url}/token",service="{registries.TOKEN_SERVICE}",scope="{scope}"')
        bearer = {"Authorization": "Bearer " + api.tokens[scope]}

        def status():
            req = urllib.request.Request(f"http://{registries.netloc('tok')}/v2/tripleomaster/none/tags/list",
                                         headers=bearer)
            try:
                return urllib.request.urlopen(req, timeout=5).status
            except urllib.error.HTTPError as e:
                return e.code
        assert status() == 404  # accepted: the repository does not exist
        time.sleep(2.5)
        assert status() == 401  # expired
    finally:
        urllib.request.urlopen(f"{token_url}/admin?valid_for=300", timeout=5).close()


def test_proxy_counts_and_injects_with_skopeo(fresh, proxy):
    dst = fresh("dst")
    front = proxy(registries.netloc("dst"))
    fault = front.add(Rule("PUT", "blob_put", status=500, times=1))
    cmd = ["skopeo", "copy", "-q", "--src-tls-verify=false", "--dest-tls-verify=false",
           f"docker://{SRC}/tripleomaster/openstack-cron:current-tripleo",
           f"docker://{front.netloc}/tripleomaster/openstack-cron:current-tripleo"]
    first = subprocess.run(cmd, capture_output=True, text=True)
    assert fault.fired == 1 and first.returncode != 0
    front.reset_counts()
    second = subprocess.run(cmd, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    blobs = dst.blobs("tripleomaster/openstack-cron", "current-tripleo")
    # The second run uploads only what the failed first one had not finished.
    assert set(front.uploads) <= blobs and sum(front.uploads.values()) >= 1
    assert front.count("HEAD", "blob") >= len(blobs) - 1
    assert sum(front.manifest_puts.values()) == 1
    assert dst.partial_images() == []
