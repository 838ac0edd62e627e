#!/usr/bin/env bash
# Idempotent set-up of a fresh Debian 12 machine (as root) for building and testing
# the overcloud.containers collection. Fast on rerun: every step checks first.
#
#   scripts/setup.sh            apt packages + the ansible-core venv + the ansible-test stand-in
#
# Environment:
#   OC_VENV          venv for ansible-core (default /tmp/oc-venv; Python 3.11 from pyenv if present)
#   OC_CORE          pip requirement for that venv (default "ansible-core==2.19.*")
#   OC_VENV_NEXT     optional second venv, e.g. /tmp/oc-venv-2.21, with OC_CORE_NEXT
#                    (default "ansible-core==2.21.*") on Python 3.12: kolla-ansible 23's core.
#                    Empty (the default) skips it.
#   OC_SKIP_APT=1    skip the apt step (no root, or packages known to be there)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OC_VENV=${OC_VENV:-/tmp/oc-venv}
OC_CORE=${OC_CORE:-ansible-core==2.19.*}
OC_VENV_NEXT=${OC_VENV_NEXT:-}
OC_CORE_NEXT=${OC_CORE_NEXT:-ansible-core==2.21.*}

log() { printf 'setup: %s\n' "$*" >&2; }

# --- apt -------------------------------------------------------------------------------
# libyaml-dev: static libyaml.a for the YAML engine; hyperfine, jq: benchmarks and scripts;
# python3-venv: venvs when no pyenv Python is around; git: ansible-test's file listing.
# Docker tests (scripts/start-dockerd.sh, scripts/fixtures/*, the kolla_docker integration
# target): docker.io (dockerd + CLI), busybox-static (the fixture images' root file system),
# docker-registry (a local registry on 127.0.0.1 for pull tests), curl (/_ping, page checks).
# podman: its Docker-compatible API for the Podman live tests (scripts/start-podman.sh).
# openssh-server, sudo: the fast_path target's own sshd on 127.0.0.1 and its `become` tests
# (scripts/start-sshd.sh; the package's own service is never started, see policy-rc.d below).
# skopeo: the OCI and manifest-list fixture images (scripts/fixtures/registry-images.sh) and the copy bench.
# libpcre2-dev: PCRE2, linked statically, the engine of the Python regular expressions (Sources/Shared/PythonRegex).
apt_packages=(libyaml-dev libpcre2-dev hyperfine jq python3-venv git docker.io busybox-static docker-registry curl podman
    openssh-server sudo debootstrap openssl skopeo)
if [[ ${OC_SKIP_APT:-0} != 1 ]]; then
    missing=()
    installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${apt_packages[@]}" 2>/dev/null || true)
    for p in "${apt_packages[@]}"; do
        grep -qx "$p install ok installed" <<<"$installed" || missing+=("$p")
    done
    if ((${#missing[@]})); then
        log "apt-get install ${missing[*]}"
        # No service may start on install (dockerd is started by scripts/start-dockerd.sh; the
        # registry's own service would listen on every interface): a temporary policy-rc.d
        # refuses, unless the machine already has one.
        policy=/usr/sbin/policy-rc.d
        own_policy=0
        if [[ ! -e $policy ]]; then
            printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 0755 "$policy" && own_policy=1
        fi
        apt-get update -qq
        status=0
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?
        ((own_policy)) && rm -f "$policy"
        ((status == 0)) || { log "apt-get install failed"; exit "$status"; }
    fi
fi

# --- Python interpreters ---------------------------------------------------------------
# First existing interpreter of a pyenv version prefix, else the fallback command.
pick_python() { # $1 = pyenv prefix (3.11), $2 = fallback command
    local root=${PYENV_ROOT:-$HOME/.pyenv} d
    while read -r d; do
        [[ -x $d/bin/python3 ]] && { echo "$d/bin/python3"; return; }
    done < <(find "$root/versions" -maxdepth 1 -name "$1.*" 2>/dev/null | sort -V -r)
    command -v "$2" 2>/dev/null || true
}

# --- ansible-core venvs ----------------------------------------------------------------
core_version() { "$1/bin/python" -c 'from ansible.release import __version__ as v; print(v)'; }

# make_venv DIR PYTHON REQUIREMENT: creates DIR (if needed) and installs REQUIREMENT unless
# the installed ansible-core already satisfies it (checked without touching the network).
make_venv() {
    local dir=$1 py=$2 req=$3
    [[ -n $py ]] || { log "no Python interpreter for $dir"; return 1; }
    if [[ ! -x $dir/bin/python ]]; then
        log "creating venv $dir with $py"
        "$py" -m venv "$dir"
    fi
    if "$dir/bin/python" - "$req" <<'PY' 2>/dev/null; then
import sys
from importlib.metadata import version
from packaging.requirements import Requirement
req = Requirement(sys.argv[1])
sys.exit(0 if req.specifier.contains(version(req.name), prereleases=False) else 1)
PY
        log "$dir: ansible-core $(core_version "$dir") (ok)"
        return
    fi
    log "$dir: pip install '$req'"
    "$dir/bin/python" -m pip install -q --disable-pip-version-check -c "$constraints" "$req" packaging
    log "$dir: ansible-core $(core_version "$dir")"
}

# constrain_venv DIR: brings the packages scripts/python-constraints.txt names into line (checked
# without touching the network; a venv made before a constraint was added gets it here).
constraints=$here/python-constraints.txt
constrain_venv() {
    local dir=$1
    if "$dir/bin/python" - "$constraints" <<'PY' 2>/dev/null; then
import sys
from importlib.metadata import PackageNotFoundError, version
from packaging.requirements import Requirement
for line in open(sys.argv[1]):
    text = line.split("#")[0].strip()
    if not text:
        continue
    req = Requirement(text)
    try:
        if not req.specifier.contains(version(req.name), prereleases=True):
            sys.exit(1)
    except PackageNotFoundError:
        pass
PY
        return
    fi
    log "$dir: pip install -c $constraints"
    "$dir/bin/python" -m pip install -q --disable-pip-version-check -c "$constraints" \
        $(sed -n 's/^\([A-Za-z][A-Za-z0-9_.-]*\).*/\1/p' "$constraints")
}

make_venv "$OC_VENV" "$(pick_python 3.11 python3)" "$OC_CORE"
constrain_venv "$OC_VENV"
# pytest runs the binary-level tests (Tests/binary) with this venv's Python.
if ! "$OC_VENV/bin/python" -c 'import pytest, yaml' 2>/dev/null; then
    log "$OC_VENV: pip install pytest"
    "$OC_VENV/bin/python" -m pip install -q --disable-pip-version-check pytest
fi
# The live registry tests (Tests/registry) hash the htpasswd file with bcrypt: the `crypt` module
# on libxcrypt does it; where it cannot (Python >= 3.13, other libcs), the `bcrypt` package.
if ! "$OC_VENV/bin/python" -W ignore -c 'import crypt, sys; sys.exit(not (crypt.crypt("x", crypt.mksalt(crypt.METHOD_BLOWFISH)) or "").startswith("$2"))' 2>/dev/null &&
    ! "$OC_VENV/bin/python" -c 'import bcrypt' 2>/dev/null; then
    log "$OC_VENV: pip install bcrypt"
    "$OC_VENV/bin/python" -m pip install -q --disable-pip-version-check bcrypt
fi
if [[ -n $OC_VENV_NEXT ]]; then
    make_venv "$OC_VENV_NEXT" "$(pick_python 3.12 python3.12)" "$OC_CORE_NEXT"
    constrain_venv "$OC_VENV_NEXT"
fi

# --- ansible-test offline pip bootstrap --------------------------------------------------
# ansible-test downloads get-pip-<ver>.py from a host we cannot reach; it uses the cached
# copy ~/.ansible/test/cache/get_pip_<ver>.py when present. Install our stand-in under the
# name each installed ansible-test asks for.
cache=$HOME/.ansible/test/cache
mkdir -p "$cache"
for venv in "$OC_VENV" ${OC_VENV_NEXT:+"$OC_VENV_NEXT"}; do
    reqs=$(find "$venv"/lib -path '*/site-packages/ansible_test/_internal/python_requirements.py' 2>/dev/null | head -1)
    [[ -n $reqs ]] || continue
    pip_version=$(grep -oP "^\s*pip='\K[0-9.]+" "$reqs" | head -1)
    [[ -n $pip_version ]] || { log "cannot find ansible-test's pip version in $reqs"; exit 1; }
    target=$cache/get_pip_${pip_version//./_}.py
    if ! cmp -s "$here/get_pip_offline.py" "$target"; then
        install -m 0644 "$here/get_pip_offline.py" "$target"
        log "installed pip bootstrap stand-in $target"
    fi
done

log "done: OC_VENV=$OC_VENV${OC_VENV_NEXT:+ OC_VENV_NEXT=$OC_VENV_NEXT}"
