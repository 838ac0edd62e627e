#!/usr/bin/env bash
# Kolla-Ansible 23.0.0's own scenario (memcached, or keystone with kolla_toolbox and memcached: prechecks,
# deploy, deploy again, reconfigure, stop, destroy) with Kolla's modules and with ours (the drop-in),
# interleaved rounds, local and over SSH, Kolla's recommended pipelining on in both; per-module task
# times from the kolla_stats callback.
# The set-up (Kolla venv, a Docker engine of its own, the image, a private namespace, the sshd) is the
# test's: Tests/kolla_dropin/run.sh. Table on stdout (bench/README.md has the measured one).
#
#   bench/kolla_dropin.sh [ROUNDS] [CONNECTIONS] [SCENARIO]     defaults: 2 rounds, local,ssh, memcached
#
# Environment: OC_KOLLA_TARBALL (default: the newest dist/overcloud-containers-*.tar.gz; build it with
# scripts/build-collection.sh), and run.sh's (OC_KOLLA_VENV, OC_KOLLA_BASE, ...).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tarball=${OC_KOLLA_TARBALL:-$(ls -t "$root"/dist/overcloud-containers-*.tar.gz 2>/dev/null | head -n 1)}
[[ -n $tarball && -f $tarball ]] || { echo "kolla_dropin: no collection tarball (scripts/build-collection.sh, or OC_KOLLA_TARBALL)" >&2; exit 1; }
venv=${OC_KOLLA_VENV:-/tmp/oc-kolla-venv}
exec "$root/Tests/kolla_dropin/run.sh" "$tarball" --exec "$venv/bin/python" "$root/bench/kolla_dropin.py" "$@"
