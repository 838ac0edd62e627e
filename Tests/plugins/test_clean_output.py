"""`make demo` shows the operator only what they need to read: the demo's collection install and its
first chapter (the merge playbook: preview with --check --diff, apply), run exactly as scripts/demo.sh
runs them (scripts/demo-env.sh), print no Python warning (DeprecationWarning,
CryptographyDeprecationWarning, ...), no Ansible deprecation warning and no collections-path warning."""
import os
import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
# A Python warning as the warnings module prints it ("file.py:18: SomeWarning: text"), Ansible's
# deprecation banner, and ansible-galaxy's "The specified collections path ... is not part of ...".
NOISE = re.compile(r"^.*\.py:\d+: \w*Warning: .*$|^.*\[DEPRECATION WARNING\].*$|^.*collections path.*$", re.M | re.I)


def default_tarball():
    version = re.search(r"^version:\s*(\S+)", (ROOT / "galaxy.yml").read_text(), re.M).group(1)
    return ROOT / "dist" / f"overcloud-containers-{version}.tar.gz"


@pytest.fixture(scope="module")
def tarball():
    path = pathlib.Path(os.environ.get("OC_TARBALL", default_tarball())).resolve()
    if not path.exists():
        pytest.fail(f"{path} is missing: run scripts/build-collection.sh first (or set OC_TARBALL)")
    return path


def noise(output):
    return NOISE.findall(output)


def test_noise_pattern_catches_what_the_demo_printed():
    # The lines `make demo` printed before: every ansible command, and the collection install.
    printed = (
        "/tmp/oc-venv/lib/python3.11/site-packages/ansible/_internal/_ssh/_ssh_agent.py:18: CryptographyDeprecationWarning: "
        "DSA is deprecated and support will be removed in a future release.\n"
        "  from cryptography.hazmat.primitives.asymmetric.dsa import (\n"
        "[WARNING]: The specified collections path '/x/build/demo-collections' is not part of the configured Ansible "
        "collections paths '/root/.ansible/collections:/usr/share/ansible/collections'.\n"
        "[DEPRECATION WARNING]: Passing warnings to `exit_json` or `fail_json` is deprecated.\n"
        "ok: [localhost]\n"
    )
    assert len(noise(printed)) == 3
    assert noise("TASK [Merge nova.conf] ***\nchanged: [localhost]\n") == []


def test_demo_install_and_merge_chapter_print_no_warning_noise(tmp_path, tarball):
    venv = pathlib.Path(sys.executable).parent.parent  # the ansible-core venv running the tests
    script = """
        set -euo pipefail
        source "$ROOT/scripts/demo-env.sh"
        demo_install_collection "$TARBALL" "$WORK/collections"
        demo_merge_play "$ROOT" "$WORK/merge" --check --diff
        demo_merge_play "$ROOT" "$WORK/merge" --diff
    """
    env = dict(os.environ, OC_VENV=str(venv), ROOT=str(ROOT), TARBALL=str(tarball), WORK=str(tmp_path),
               ANSIBLE_LOCAL_TEMP=str(tmp_path / "tmp"), ANSIBLE_NOCOLOR="1")
    env.pop("ANSIBLE_COLLECTIONS_PATH", None)
    env.pop("ANSIBLE_COLLECTIONS_PATHS", None)
    run = subprocess.run(["bash", "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "changed=" in output  # the playbook ran
    assert noise(output) == [], output
