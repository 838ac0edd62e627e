#!/usr/bin/env bash
# The step deployment of a Keystone-shaped docker_config (the containers of playbooks/deploy_steps.yaml: memcached,
# mysql, keystone services; mysql_init_logs, mysql_bootstrap, keystone_init_log, keystone_db_sync, mysql_wait
# one-shots; over steps 1-3, with TRIPLEO_CONFIG_HASH from a config volume), applied two ways in the same run:
#   module  the role tripleo_container_steps: one tripleo_container_manage task per step
#   jinja   the per-container Jinja/kolla_docker sequence that module replaced (the role as of 9978091^, kept in
#           bench/tripleo_steps/jinja_container_steps: find + slurp + kolla_container_facts per step, then per
#           container set_fact + assert + kolla_docker start_container)
# Phases, each verified (changed count, which containers were recreated) before its time counts:
#   cold     from no container
#   noop     the same again (changed=0, nothing recreated)
#   hash     one config volume's checksum changed (keystone and keystone_db_sync recreated, nothing else)
# Both sides read the same startup definitions from disk (container-startup-config/step_N/NAME.json, written once)
# and refresh their TRIPLEO_CONFIG_HASH with the same puppet_config task; the rest is the steps.
# Both sides use the fixture image overcloud-test/kolla-base:1 (busybox; scripts/fixtures/kolla-images.sh), net host
# and root (the Jinja role refuses other networks and users; the module would apply them), so the engine work is
# the same on both sides and the difference is the Ansible side.
#
#   bench/tripleo_steps.sh [RUNS]      RUNS=3 by default (rounds interleaved, module then jinja, then reversed)
#
# Environment: OC_VENV, OC_TARBALL (default dist/overcloud-containers-<version>.tar.gz, built if missing),
# OCB_TQ_DIR [/tmp/oc-tq-bench]. Containers are named oc-tq-b-*.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-3}
OC_VENV=${OC_VENV:-/tmp/oc-venv}
dir=${OCB_TQ_DIR:-/tmp/oc-tq-bench}
prefix=oc-tq-b-
version=$(awk '/^version:/ {print $2}' "$root/galaxy.yml")
tarball=${OC_TARBALL:-$root/dist/overcloud-containers-$version.tar.gz}
[[ -f $tarball ]] || tarball=$("$root/scripts/build-collection.sh")
image=overcloud-test/kolla-base:1
"$root/scripts/fixtures/kolla-images.sh" >/dev/null 2>&1
fail() { echo "bench/tripleo_steps: $*" >&2; exit 1; }
ours() { docker ps -aq --filter "name=^/$prefix"; }
cleanup() { ours | xargs -r docker rm -f >/dev/null; }
trap cleanup EXIT
rm -rf "$dir"
mkdir -p "$dir/collections" "$dir/roles" "$dir/config-data/puppet-generated/keystone"
cp -a "$root/bench/tripleo_steps/jinja_container_steps" "$dir/roles/"
export ANSIBLE_COLLECTIONS_PATH=$dir/collections ANSIBLE_ROLES_PATH=$dir/roles ANSIBLE_LOCALHOST_WARNING=false
"$OC_VENV/bin/ansible-galaxy" collection install "$tarball" -p "$dir/collections" --force >/dev/null

# The docker_config (JSON, so the shell writes it without YAML quoting).
cfg=$dir/config-data/puppet-generated/keystone
svc='["sh", "-c", "trap \"exit 0\" TERM; sleep 86400 & wait"]'
one='["sh", "-c", "true"]'
kvol="\"$cfg:/var/lib/kolla/config_files/src:ro\""
service() { echo "{\"image\": \"$image\", \"net\": \"host\", \"restart\": \"always\", \"stop_grace_period\": 1, \"start_order\": $1, \"command\": $svc, \"volumes\": [${2:-}], \"environment\": {\"KOLLA_CONFIG_STRATEGY\": \"COPY_ALWAYS\"}}"; }
oneshot() { echo "{\"image\": \"$image\", \"net\": \"host\", \"user\": \"root\", \"detach\": false, \"start_order\": $1, \"command\": $one, \"volumes\": [${2:-}], \"environment\": {\"KOLLA_BOOTSTRAP\": true}}"; }
cat >"$dir/startup.json" <<JSON
{"step_1": {"${prefix}memcached": $(service 0), "${prefix}mysql_init_logs": $(oneshot 0)},
 "step_2": {"${prefix}mysql_bootstrap": $(oneshot 1), "${prefix}mysql": $(service 2), "${prefix}mysql_wait": $(oneshot 3),
            "${prefix}keystone_init_log": $(oneshot 1)},
 "step_3": {"${prefix}keystone_db_sync": $(oneshot 1 "$kvol"), "${prefix}keystone": $(service 2 "$kvol")}}
JSON
# The startup definitions on disk, one file per container (what TripleO writes before the steps): both sides read
# them and bring TRIPLEO_CONFIG_HASH up to date with the same puppet_config task, so the timed part is the steps.
for side in module jinja; do
    python3 -c 'import json, os, sys
for step, defs in json.load(open(sys.argv[1])).items():
    os.makedirs(os.path.join(sys.argv[2], step), exist_ok=True)
    for name, d in defs.items():
        json.dump(d, open(os.path.join(sys.argv[2], step, name + ".json"), "w"), indent=2)' "$dir/startup.json" "$dir/startup-$side"
done
cat >"$dir/docker_config.json" <<JSON
{"tripleo_container_steps_steps": [1, 2, 3],
 "tripleo_container_steps_check_puppet_config": true,
 "tripleo_container_steps_config_vol_prefix": "$dir/config-data",
 "tripleo_container_steps_config_id_prefix": "${prefix}tripleo_step",
 "tripleo_container_steps_state_dir": "$dir/state",
 "tripleo_container_steps_common_options": {"graceful_timeout": 1, "client_timeout": 120}}
JSON
for side in module jinja; do
    role=overcloud.containers.tripleo_container_steps
    [[ $side == jinja ]] && role=jinja_container_steps
    cat >"$dir/$side.yml" <<PLAY
- name: Steps ($side)
  hosts: localhost
  gather_facts: false
  roles:
    - role: $role
      tripleo_container_steps_config_dir: $dir/startup-$side
PLAY
done

ids() { docker ps -a --filter "name=^/$prefix" --format '{{.Names}} {{.ID}}' | sort; }
declare -A times
# phase SIDE NAME EXPECT: runs the playbook, checks the changed count (0 or +), records milliseconds.
phase() {
    local side=$1 name=$2 expect=$3 start end changed log=$dir/$1-$2.log
    start=${EPOCHREALTIME/./}
    "$OC_VENV/bin/ansible-playbook" -i localhost, -c local -e "ansible_python_interpreter=$OC_VENV/bin/python" \
        -e "@$dir/docker_config.json" "$dir/$side.yml" >"$log" 2>&1 || fail "$side $name failed: $log"
    end=${EPOCHREALTIME/./}
    changed=$(sed -n 's/^localhost *: ok=[0-9]* *changed=\([0-9]*\).*/\1/p' "$log")
    if [[ $expect == 0 && $changed != 0 ]] || [[ $expect == + && $changed == 0 ]]; then
        fail "$side $name: changed=$changed, expected $expect ($log)"
    fi
    times[$side/$name]+="$(((end - start) / 1000)) "
}
round() {  # round SIDE N: cold, noop, hash, each verified
    local side=$1 n=$2 before recreated
    cleanup
    rm -rf "$dir/state"
    echo "sum-$n-a" >"$cfg.md5sum"
    phase "$side" cold + && [[ $(ids | wc -l) == 8 ]] || fail "$side cold: $(ids | wc -l) containers, expected 8"
    before=$(ids)
    phase "$side" noop 0
    [[ $(ids) == "$before" ]] || fail "$side noop recreated: $(diff <(echo "$before") <(ids) || true)"
    echo "sum-$n-b" >"$cfg.md5sum"
    phase "$side" hash +
    recreated=$({ diff <(echo "$before") <(ids) || true; } | sed -n 's/^> \([^ ]*\) .*/\1/p' | tr '\n' ' ')
    [[ $recreated == "${prefix}keystone ${prefix}keystone_db_sync " ]] || fail "$side hash recreated: '$recreated'"
}
for ((run = 1; run <= runs; run++)); do
    if ((run % 2)); then round module "$run"; round jinja "$run"; else round jinja "$run"; round module "$run"; fi
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)] / 1000}'; }
printf '\n| phase | module (s) | jinja/kolla_docker (s) | module / jinja |\n|---|---|---|---|\n'
for name in cold noop hash; do
    m=$(median <<<"${times[module/$name]}")
    j=$(median <<<"${times[jinja/$name]}")
    printf '| %s | %s | %s | %s |\n' "$name" "$m" "$j" "$(awk -v a="$m" -v b="$j" 'BEGIN {printf "%.2f", a / b}')"
done
echo "(medians of $runs round(s); 8 containers over 3 steps; each phase one ansible-playbook run; target: noop <= 0.33)"
