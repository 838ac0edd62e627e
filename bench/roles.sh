#!/usr/bin/env bash
# The service roles on the demo set (memcached, mariadb, demo_api) through scripts/overcloud-containers, timed per
# phase, with check-containers done both ways:
#   bulk      one kolla_docker reconcile_containers task per role (the default)
#   per_item  Kolla's sequence: compare_container per service, then recreate_or_restart_container for each that differs
# Phases: deploy from nothing, no-op redeploy, reconfigure of one setting (only demo_api restarts), upgrade to tag zed-2.
# Every phase is verified (its changed count; which containers restarted) before its time counts.
#
#   bench/roles.sh [RUNS]          RUNS=1 by default; prints a table of medians (seconds) and per_item / bulk ratios
#
# Environment: OC_VENV, OC_TARBALL (default dist/overcloud-containers-<version>.tar.gz, built if missing),
# OCB_ROLES_DIR [/tmp/oc-rl-bench]. Containers and volumes are named oc-rl-b-*, services listen on 127.0.0.1:1804x.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-1}
OC_VENV=${OC_VENV:-/tmp/oc-venv}
export OC_VENV
dir=${OCB_ROLES_DIR:-/tmp/oc-rl-bench}
version=$(awk '/^version:/ {print $2}' "$root/galaxy.yml")
tarball=${OC_TARBALL:-$root/dist/overcloud-containers-$version.tar.gz}
[[ -f $tarball ]] || tarball=$("$root/scripts/build-collection.sh")
rm -rf "$dir"
mkdir -p "$dir/etc/config" "$dir/collections"
export ANSIBLE_COLLECTIONS_PATH=$dir/collections ANSIBLE_LOCALHOST_WARNING=false
"$OC_VENV/bin/ansible-galaxy" collection install "$tarball" -p "$dir/collections" --force >/dev/null
"$root/scripts/images.sh" -p demo >/dev/null 2>&1
cat >"$dir/etc/globals.yml" <<EOF
node_config_directory: $dir/node
kolla_name_prefix: oc-rl-b-
memcached_port: 18041
database_port: 18046
demo_api_port: 18048
docker_graceful_timeout: 5
default_container_healthcheck_interval: 2
default_container_healthcheck_start_period: 10
EOF
printf 'database_password: %s\ndemo_api_database_password: %s\n' "$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')" \
    "$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')" >"$dir/etc/passwords.yml"

oc() { "$root/scripts/overcloud-containers" "$1" --configdir "$dir/etc" "${@:2}"; }
started() { docker inspect -f '{{.Name}} {{.State.StartedAt}}' oc-rl-b-memcached oc-rl-b-mariadb oc-rl-b-demo_api 2>/dev/null || true; }
cleanup() { oc destroy -e openstack_tag=zed-2 --yes-i-really-really-mean-it >/dev/null 2>&1 || true; }
trap cleanup EXIT
fail() { echo "bench/roles: $*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

for ((run = 1; run <= runs; run++)); do
    for mode in bulk per_item; do
        cleanup
        rm -f "$dir/etc/config/demo-api.conf"
        phase "$mode" deploy + deploy
        phase "$mode" noop 0 deploy
        before=$(started)
        printf '[DEFAULT]\ngreeting = bench %s %s\n' "$mode" "$run" >"$dir/etc/config/demo-api.conf"
        phase "$mode" reconfigure + reconfigure
        restarted=$(restarted_since "$before")
        [[ $restarted == "oc-rl-b-demo_api " ]] || fail "$mode reconfigure restarted: '$restarted'"
        phase "$mode" upgrade + upgrade -e openstack_tag=zed-2
    done
done

printf '\n| phase | bulk (s) | per_item (s) | per_item / bulk |\n|---|---|---|---|\n'
for name in deploy noop reconfigure upgrade; do
    bulk=$(median <<<"${times[bulk/$name]}")
    item=$(median <<<"${times[per_item/$name]}")
    printf '| %s | %s | %s | %s |\n' "$name" "$bulk" "$item" "$(awk -v a="$item" -v b="$bulk" 'BEGIN {printf "%.2f", a / b}')"
done
echo "(medians of $runs run(s); each phase is one overcloud-containers run on the 3-service demo set)"
