#!/usr/bin/env bash
# ansible-test sanity on the built collection, installed as ansible_collections/overcloud/containers.
#
#   scripts/sanity.sh [TARBALL] [ansible-test sanity options...]
#
# TARBALL defaults to dist/overcloud-containers-<version>.tar.gz (built first if missing).
# Runs `ansible-test sanity --local --python <venv python>`; ignore files are
# collection/tests/sanity/ignore-2.NN.txt (one per ansible-core minor version).
#
# Environment: OC_VENV (default /tmp/oc-venv), KEEP=1 keeps the temp collections tree.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OC_VENV=${OC_VENV:-/tmp/oc-venv}
log() { printf 'sanity: %s\n' "$*" >&2; }
[[ -x $OC_VENV/bin/ansible-test ]] || { log "$OC_VENV/bin/ansible-test not found; run scripts/setup.sh first"; exit 1; }

tarball=${1:-}
[[ $# -gt 0 ]] && shift
if [[ -z $tarball ]]; then
    version=$(sed -n 's/^version: *//p' "$root/galaxy.yml")
    tarball=$root/dist/overcloud-containers-$version.tar.gz
    [[ -f $tarball ]] || tarball=$("$root/scripts/build-collection.sh")
fi
[[ -f $tarball ]] || { log "no tarball at $tarball"; exit 1; }
tarball=$(realpath "$tarball")

work=$(mktemp -d /tmp/oc-sanity.XXXXXX)
if [[ ${KEEP:-0} == 1 ]]; then log "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi

ANSIBLE_COLLECTIONS_PATH=$work "$OC_VENV/bin/ansible-galaxy" collection install "$tarball" -p "$work" --force >/dev/null
coll=$work/ansible_collections/overcloud/containers
[[ -d $coll ]] || { log "install did not create $coll"; exit 1; }
# Installed collections carry galaxy's MANIFEST.json/FILES.json but no git tree; ansible-test
# only needs the collections layout.

python_version=$("$OC_VENV/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
core=$("$OC_VENV/bin/python" -c 'from ansible.release import __version__ as v; print(v)')
log "ansible-core $core, Python $python_version, $tarball"
cd "$coll"
PATH=$OC_VENV/bin:$PATH ansible-test sanity --local --python "$python_version" --color no "$@"
