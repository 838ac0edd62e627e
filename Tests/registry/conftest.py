"""Live image-copy tests: real docker-registry instances on 127.0.0.1 (registries.py), the fixture
images pushed from the local Docker engine (scripts/fixtures/registry-images.sh), the copier of
overcloud-deploy (OC_DEPLOY_BINARY, default .build-release/release/overcloud-deploy)."""
import json
import os
import subprocess
import sys
import pathlib

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import registries  # noqa: E402
import support  # noqa: E402
from fault_proxy import FaultProxy  # noqa: E402


@pytest.fixture(scope="session")
def infra():
    """Starts (or reuses) the registries and fills the source registry once per session."""
    registries.start_all()
    out = subprocess.run([str(support.ROOT / "scripts/fixtures/registry-images.sh")], capture_output=True, text=True,
                         env=dict(os.environ, OC_RT_SRC=registries.netloc("src")))
    if out.returncode != 0:
        pytest.fail(f"fixture images: {out.stderr[-2000:]}")
    return registries


@pytest.fixture(scope="session")
def binary():
    path = support.deploy_binary()
    if not path.exists():
        pytest.fail(f"{path} is missing: build overcloud-deploy (or set OC_DEPLOY_BINARY)")
    spec = subprocess.run([str(path), "container_image_prepare", "--spec"], capture_output=True, text=True)
    try:
        options = json.loads(spec.stdout).get("argument_spec", json.loads(spec.stdout))
    except ValueError:
        options = {}
    if "no_verify_registries" not in json.dumps(options):
        pytest.fail(f"{path} has no image copier yet (no no_verify_registries in its --spec)")
    return path


@pytest.fixture
def copier(binary, infra, tmp_path):
    return support.Copier(binary, tmp_path)


@pytest.fixture(scope="session")
def src(infra):
    return support.RegistryAPI.named("src")


@pytest.fixture(scope="session")
def all_services(infra):
    return support.services()


@pytest.fixture
def fresh(infra):
    """fresh(name) empties that registry and returns its API client."""
    def make(name):
        registries.reset(name)
        return support.RegistryAPI.named(name)
    return make


@pytest.fixture
def proxy(infra):
    """proxy(upstream netloc) -> a FaultProxy in front of it (closed after the test)."""
    made = []

    def make(upstream):
        p = FaultProxy(upstream)
        made.append(p)
        return p
    yield make
    for p in made:
        p.close()
