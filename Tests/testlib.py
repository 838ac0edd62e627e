"""Helpers shared by the live test suites (Tests/roles, Tests/tripleo, Tests/cluster, Tests/paunch): each suite
puts this folder on sys.path and imports what it needs, so the same set-up is written once."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(os.environ.get('OC_VENV', '/tmp/oc-venv'))


def docker(*args: str, check: bool = True) -> str:
    """The docker CLI's stdout (text); raises CalledProcessError on failure when `check`."""
    return subprocess.run(['docker', *args], capture_output=True, text=True, check=check).stdout


def installed_collections(env_var: str, work: Path) -> str:
    """An ANSIBLE_COLLECTIONS_PATH with overcloud.containers: the one `env_var` names (scripts/test.sh installs the
    tarball once per stage), else dist/'s tarball of galaxy.yml's version installed under `work`."""
    given = os.environ.get(env_var)
    if given:
        return given
    version = re.search(r'^version:\s*(\S+)', (ROOT / 'galaxy.yml').read_text(), re.M).group(1)
    collections = str(work / 'collections')
    subprocess.run([str(VENV / 'bin/ansible-galaxy'), 'collection', 'install',
                    str(ROOT / 'dist' / f'overcloud-containers-{version}.tar.gz'), '-p', collections, '--force'],
                   check=True, capture_output=True)
    return collections
