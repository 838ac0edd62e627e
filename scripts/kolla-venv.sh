#!/usr/bin/env bash
# The Kolla-Ansible venv for the drop-in test and bench: kolla-ansible==23.0.0 from PyPI (it needs
# Python >= 3.12; ansible-core 2.21 comes with it), the collections its roles use (`kolla-ansible install-deps`
# fetches them from Ansible Galaxy; here PyPI's Ansible 14.5.0 bundle, for ansible-core 2.21, brings the same
# ones: ansible.utils 6 for the ipaddr filters of its group_vars, ...), docker-py for its modules, pytest for the test, and
# a D-Bus stand-in for its systemd calls (this machine has no systemd as PID 1:
# Tests/kolla_dropin/shim/dbus). Idempotent; prints the venv path.
# Also the target nodes' venv (Kolla's `virtualenv` setting: the Python its modules run with, docker-py
# and the stand-in), made from the system's python3 so that an unprivileged SSH user can run it (pyenv's
# Pythons live under /root).
#
#   scripts/kolla-venv.sh        (OC_KOLLA_VENV, default /tmp/oc-kolla-venv;
#                                 OC_KOLLA_TARGET_VENV, default /tmp/oc-kolla-target-venv)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv=${OC_KOLLA_VENV:-/tmp/oc-kolla-venv}
log() { printf 'kolla-venv: %s\n' "$*" >&2; }

pick_python() {  # newest pyenv 3.12.x, else python3.12 / python3.13 from PATH
    local d
    while read -r d; do
        [[ -x $d/bin/python3 ]] && { echo "$d/bin/python3"; return; }
    done < <(find "${PYENV_ROOT:-$HOME/.pyenv}/versions" -maxdepth 1 -name '3.12.*' 2>/dev/null | sort -V -r)
    command -v python3.12 || command -v python3.13 || true
}

if ! "$venv/bin/python" -c 'import kolla_ansible, docker, pytest, ansible_collections.ansible.utils' 2>/dev/null; then
    py=$(pick_python)
    [[ -n $py ]] || { log "no Python >= 3.12 (kolla-ansible 23.0.0 needs it)"; exit 1; }
    log "creating $venv with $py"
    if ! "$venv/bin/python" -c 'import kolla_ansible' 2>/dev/null; then
        rm -rf "$venv"
        "$py" -m venv "$venv"
    fi
    "$venv/bin/python" -m pip install -q --disable-pip-version-check 'kolla-ansible==23.0.0' 'ansible==14.5.0' docker pytest
fi
target=${OC_KOLLA_TARGET_VENV:-/tmp/oc-kolla-target-venv}
if ! "$target/bin/python" -c 'import docker' 2>/dev/null; then
    log "creating $target with /usr/bin/python3"
    rm -rf "$target"
    /usr/bin/python3 -m venv "$target"
    "$target/bin/python" -m pip install -q --disable-pip-version-check docker
fi
for v in "$venv" "$target"; do
    site=$("$v/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    if ! cmp -s "$root/Tests/kolla_dropin/shim/dbus/__init__.py" "$site/dbus/__init__.py"; then
        mkdir -p "$site/dbus"
        install -m 0644 "$root/Tests/kolla_dropin/shim/dbus/__init__.py" "$site/dbus/__init__.py"
    fi
done
echo "$venv"
