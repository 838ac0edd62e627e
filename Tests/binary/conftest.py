"""Shared fixtures: the built multi-call binary, installed under every module name."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def node_binary_path():
    """The built node binary (it may not exist yet)."""
    return pathlib.Path(os.environ.get("OC_NODE_BINARY", ROOT / ".build-release/release/overcloud-node"))


@pytest.fixture(scope="session")
def node_binary():
    path = node_binary_path()
    if not path.exists():
        pytest.fail(f"{path} is missing: run scripts/build-collection.sh first (or set OC_NODE_BINARY)")
    return path.resolve()


@pytest.fixture(scope="session")
def module_names(node_binary):
    out = subprocess.run([str(node_binary), "--list-modules"], capture_output=True, text=True, check=True)
    return out.stdout.split()


@pytest.fixture(scope="session")
def module_links(node_binary, module_names, tmp_path_factory):
    """name -> path of a symlink named like Ansible's remote copy (AnsiballZ_<name>)."""
    d = tmp_path_factory.mktemp("modules")
    links = {}
    for name in module_names:
        link = d / f"AnsiballZ_{name}"
        link.symlink_to(node_binary)
        links[name] = link
    return links
