"""Shared fixtures: the built multi-call binaries (overcloud-node, overcloud-deploy), installed under every module name."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def node_binary_path():
    """The built node binary (it may not exist yet)."""
    return pathlib.Path(os.environ.get("OC_NODE_BINARY", ROOT / ".build-release/release/overcloud-node"))


def deploy_binary_path():
    """The built deploy-host binary (it may not exist yet)."""
    return pathlib.Path(os.environ.get("OC_DEPLOY_BINARY", ROOT / ".build-release/release/overcloud-deploy"))


def listed_modules(path):
    """The modules a binary serves (`--list-modules`), or [] when it is not built."""
    if not path.exists():
        return []
    out = subprocess.run([str(path), "--list-modules"], capture_output=True, text=True, check=True)
    return out.stdout.split()


def existing(path, variable):
    if not path.exists():
        pytest.fail(f"{path} is missing: run scripts/build-collection.sh first (or set {variable})")
    return path.resolve()


@pytest.fixture(scope="session")
def node_binary():
    return existing(node_binary_path(), "OC_NODE_BINARY")


@pytest.fixture(scope="session")
def deploy_binary():
    return existing(deploy_binary_path(), "OC_DEPLOY_BINARY")


@pytest.fixture(scope="session")
def module_binaries(node_binary, deploy_binary):
    """module name -> the binary that serves it (both binaries)."""
    served = {}
    for binary in (node_binary, deploy_binary):
        for name in listed_modules(binary):
            assert name not in served, f"{name} is served by two binaries"
            served[name] = binary
    return served


@pytest.fixture(scope="session")
def module_names(module_binaries):
    return list(module_binaries)


@pytest.fixture(scope="session")
def module_links(module_binaries, tmp_path_factory):
    """name -> path of a symlink named like Ansible's remote copy (AnsiballZ_<name>)."""
    d = tmp_path_factory.mktemp("modules")
    links = {}
    for name, binary in module_binaries.items():
        link = d / f"AnsiballZ_{name}"
        link.symlink_to(binary)
        links[name] = link
    return links
