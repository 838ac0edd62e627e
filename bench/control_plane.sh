#!/usr/bin/env bash
# The real OpenStack control plane (MariaDB, memcached, Keystone, Placement from images/ zed-1) through
# scripts/overcloud-containers, timed per phase, with check-containers done both ways (as bench/roles.sh does for the
# demo set):
#   bulk      one kolla_docker reconcile_containers task per role (the default)
#   per_item  Kolla's sequence: compare_container per service, then recreate_or_restart_container for each that differs
# Phases: deploy from nothing, no-op redeploy, reconfigure of one Keystone setting ([token] expiration; only the two
# keystone containers restart). Every phase is verified (its changed count; which containers restarted) before its
# time counts. Beside them, in the same run, Ansible's floor: one play of as many ansible.builtin.ping tasks as the bulk
# no-op redeploy ran (what that many Python-module tasks cost in ansible-playbook), and the empty play.
#
#   bench/control_plane.sh [RUNS]   RUNS=1 by default; prints a table of medians (seconds), the ratios and the targets
#                                   of issue 13 (no-op redeploy <= 1/3 of per_item, <= 10 s), with the load average
#
# Environment: OC_VENV, OC_TARBALL (default dist/overcloud-containers-<version>.tar.gz, built if missing),
# OCB_CP_DIR [/tmp/oc-cp-bench]. It uses the names and ports of Tests/roles/test_control_plane.py (oc-cp-t-*, 127.0.0.1
# ports 25000, 28780, 23306, 21211), so it refuses to start while any oc-cp-* container exists.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-1}
OC_VENV=${OC_VENV:-/tmp/oc-venv}
export OC_VENV
dir=${OCB_CP_DIR:-/tmp/oc-cp-bench}
prefix=oc-cp-t-
fail() { echo "bench/control_plane: $*" >&2; exit 1; }
[[ -z $(docker ps -aq --filter name=^/oc-cp-) ]] || fail "oc-cp-* containers exist (the control-plane test or demo runs?)"
version=$(awk '/^version:/ {print $2}' "$root/galaxy.yml")
tarball=${OC_TARBALL:-$root/dist/overcloud-containers-$version.tar.gz}
[[ -f $tarball ]] || tarball=$("$root/scripts/build-collection.sh")
rm -rf "$dir"
mkdir -p "$dir/etc/config" "$dir/collections"
export ANSIBLE_COLLECTIONS_PATH=$dir/collections ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_NOCOLOR=1
"$OC_VENV/bin/ansible-galaxy" collection install "$tarball" -p "$dir/collections" --force >/dev/null
"$root/scripts/images.sh" -p default >/dev/null 2>&1
cat >"$dir/etc/globals.yml" <<EOF
node_config_directory: $dir/node
kolla_name_prefix: $prefix
docker_namespace: overcloud
openstack_tag: zed-1
mariadb_image: "{{ docker_image_url }}mariadb-server"
memcached_image: "{{ docker_image_url }}memcached"
enable_demo_api: false
enable_keystone: true
enable_placement: true
memcached_port: 21211
database_port: 23306
keystone_public_port: 25000
placement_api_port: 28780
docker_graceful_timeout: 5
default_container_healthcheck_interval: 2
default_container_healthcheck_start_period: 10
service_wait_timeout: 240
EOF
for name in database_password keystone_admin_password keystone_database_password placement_database_password \
    placement_keystone_password; do
    printf '%s: %s\n' "$name" "$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
done >"$dir/etc/passwords.yml"

oc() { "$root/scripts/overcloud-containers" "$1" --configdir "$dir/etc" "${@:2}"; }
names=(memcached mariadb keystone_api keystone_fernet placement_api)
started() { docker inspect -f '{{.Name}} {{.State.StartedAt}}' "${names[@]/#/$prefix}" 2>/dev/null || true; }
cleanup() { oc destroy --yes-i-really-really-mean-it >/dev/null 2>&1 || true; }
trap cleanup EXIT
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
timed() {  # timed NAME COMMAND...: records the wall seconds of one command
    local name=$1 start end
    shift
    start=${EPOCHREALTIME/./}
    "$@" >"$dir/${name//\//-}.log" 2>&1 || fail "$name failed: $dir/${name//\//-}.log"
    end=${EPOCHREALTIME/./}
    times[$name]+="$(((end - start) / 1000)) "
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for ((run = 1; run <= runs; run++)); do
    for mode in bulk per_item; do
        cleanup
        rm -f "$dir/etc/config/keystone.conf"
        phase "$mode" deploy + deploy
        before=$(started)
        phase "$mode" noop 0 deploy
        [[ -z $(restarted_since "$before") ]] || fail "$mode no-op redeploy restarted: $(restarted_since "$before")"
        printf '[token]\nexpiration = %d\n' $((900 + run)) >"$dir/etc/config/keystone.conf"
        phase "$mode" reconfigure + reconfigure
        restarted=$(restarted_since "$before")
        [[ $restarted == "${prefix}keystone_api ${prefix}keystone_fernet " ]] || fail "$mode reconfigure restarted: '$restarted'"
    done
    # Ansible's floor: the empty play, and as many ping tasks as the bulk no-op ran (ok count of its recap).
    tasks=$(recap 1 "$dir/bulk-noop.log")
    printf -- '- hosts: localhost\n  gather_facts: false\n  tasks: []\n' >"$dir/floor-empty.yml"
    { printf -- '- hosts: localhost\n  gather_facts: false\n  tasks:\n'
      for ((i = 1; i <= tasks; i++)); do printf '    - ansible.builtin.ping:\n'; done; } >"$dir/floor-ping.yml"
    timed floor/empty "$OC_VENV/bin/ansible-playbook" -i "$root/playbooks/inventory/all-in-one" "$dir/floor-empty.yml"
    timed floor/ping "$OC_VENV/bin/ansible-playbook" -i "$root/playbooks/inventory/all-in-one" "$dir/floor-ping.yml"
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
printf '\n| phase | bulk (s) | per_item (s) | per_item / bulk |\n|---|---|---|---|\n'
for name in deploy noop reconfigure; do
    bulk=$(median <<<"${times[bulk/$name]}")
    item=$(median <<<"${times[per_item/$name]}")
    printf '| %s | %s | %s | %s |\n' "$name" "$bulk" "$item" "$(ratio "$item" "$bulk")"
done
noop=$(median <<<"${times[bulk/noop]}")
noop_item=$(median <<<"${times[per_item/noop]}")
ping=$(median <<<"${times[floor/ping]}")
printf '| Ansible floor: %s x ping (the tasks of the bulk no-op) | %s | | bulk no-op / floor %s |\n' \
    "$tasks" "$ping" "$(ratio "$noop" "$ping")"
printf '| Ansible floor: the empty play | %s | | |\n' "$(median <<<"${times[floor/empty]}")"
verdict() { awk -v v="$1" 'BEGIN {print (v ? "met" : "not met")}'; }
printf '\ntargets (issue 13): no-op <= 1/3 of per_item: %s (%s); no-op <= 10 s: %s (%s s)\n' \
    "$(verdict "$(awk -v a="$noop" -v b="$noop_item" 'BEGIN {print a * 3 <= b}')")" "$(ratio "$noop" "$noop_item")" \
    "$(verdict "$(awk -v a="$noop" 'BEGIN {print a <= 10}')")" "$noop"
echo "(medians of $runs run(s); each phase is one overcloud-containers run on mariadb, memcached, keystone, placement;"
echo " load average at the start $load_start, at the end $load_end; logs in $dir)"
