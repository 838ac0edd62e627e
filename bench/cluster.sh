#!/usr/bin/env bash
# Benchmark: the fast path at scale. For N = 1, 3 and 6 nodes of the test cluster (scripts/cluster.sh: each node a
# container with its own sshd and dockerd), a playbook of M tasks over SSH, with forks >= N:
#   ours    overcloud.containers.merge_configs and overcloud.containers.kolla_docker compare_container, alternating
#           (fast path, cache warm)
#   Kolla   the same with Kolla-Ansible 23.0.0's merge_configs action and kolla_container module (Python on the
#           node: the node image carries python3-docker; D-Bus is the peer harness's stand-in, see below),
#           pipelining on (Kolla's recommendation)
#   empty   the play with no task (the baseline)
# all under the Kolla venv's ansible-playbook, in the same run, rounds interleaved. Every task is a no-op after the
# verify pass (same merged file, the container unchanged). Per task = (median - empty median) / M: the wall time of
# one task on all N nodes at once; per task per node = that / N.
#
#   bench/cluster.sh            prints the table (also in $OC_CLUSTER_BENCH_DIR/results/table.md)
#
# Environment (defaults in brackets):
#   OC_CLUSTER_BENCH_DIR [/tmp/oc-cluster-bench]  what this script writes (venv, collection, playbooks, results)
#   SIZES ["1 3 6"]  node counts; M [10] tasks per playbook; RUNS [3] timed rounds
#   OC_KOLLA_VENV    a venv with kolla-ansible==23.0.0 [$OC_CLUSTER_BENCH_DIR/venv-kolla, made with Python >= 3.12]
#   TARBALL          our collection [dist/overcloud-containers-<version>.tar.gz]; OC_CLUSTER_COLLECTIONS instead
#                    uses an installed collections dir
#   OC_CLUSTER_BENCH_KEEP=1  leaves the cluster up (its own: `OC_CLUSTER_NAME=oc-cluster-b OC_CLUSTER_NET=172.30.118
#                    scripts/cluster.sh up <largest N>`; test hosts created by this script on 172.30.118.0/24)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
B=${OC_CLUSTER_BENCH_DIR:-/tmp/oc-cluster-bench}
read -r -a sizes <<<"${SIZES:-1 3 6}"
M=${M:-10}
RUNS=${RUNS:-3}
log() { printf '[cluster bench] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- set-up ------------------------------------------------------------------------------------
KVENV=${OC_KOLLA_VENV:-$B/venv-kolla}
if [[ ! -x $KVENV/bin/ansible-playbook ]]; then
    py=$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -V | tail -1 || true)
    py=${py:-$(command -v python3.12 || true)}
    [[ -n $py ]] || die "no Python >= 3.12 for kolla-ansible 23"
    log "creating $KVENV (kolla-ansible==23.0.0)"
    "$py" -m venv "$KVENV"
    "$KVENV/bin/pip" install -q kolla-ansible==23.0.0
fi
kolla=$(find "$KVENV" -path '*/share/kolla-ansible/ansible' -type d | head -1)
[[ -d $kolla/action_plugins && -d $kolla/library ]] || die "Kolla's ansible tree not found under $KVENV"

mkdir -p "$B/results" "$B/work"
if [[ -n ${OC_CLUSTER_COLLECTIONS:-} ]]; then
    collections=$OC_CLUSTER_COLLECTIONS
else
    version=$(sed -n 's/^version: *//p' "$root/galaxy.yml")
    TARBALL=${TARBALL:-$root/dist/overcloud-containers-$version.tar.gz}
    [[ -f $TARBALL ]] || die "no collection tarball at $TARBALL (scripts/build-collection.sh)"
    collections=$B/collections
    rm -rf "$collections"
    "$KVENV/bin/ansible-galaxy" collection install "$TARBALL" -p "$collections" --force >/dev/null
fi

largest=$(printf '%s\n' "${sizes[@]}" | sort -n | tail -1)
# Its own cluster (OC_CLUSTER_NAME, OC_CLUSTER_NET), so it can run beside Tests/cluster; taken down at the end.
export OC_CLUSTER_NAME=${OC_CLUSTER_NAME:-oc-cluster-b} OC_CLUSTER_NET=${OC_CLUSTER_NET:-172.30.118}
cluster=$OC_CLUSTER_NAME
inventory=$(OC_CLUSTER_IMAGES=overcloud-test/demo-memcached:1 "$root/scripts/cluster.sh" up "$largest")
state=$(dirname "$inventory")
[[ -n ${OC_CLUSTER_BENCH_KEEP:-} ]] || trap '"$root/scripts/cluster.sh" down' EXIT

# Kolla 23's kolla_container connects to systemd over D-Bus as it starts (kolla_systemd_worker); the nodes run no
# systemd, so the peer harness's stand-in (shim/dbus: the systemd calls carried out on the node's Docker API) goes
# into each node's Python path, as the harness puts it into its own venv.
shim=${OC_PEER_BENCH:-/work/shared/peer-bench}/shim/dbus/__init__.py
[[ -f $shim ]] || die "no D-Bus stand-in at $shim (OC_PEER_BENCH: the peer-bench harness)"
for ((i = 1; i <= largest; i++)); do
    docker exec -i "$cluster-node$i" sh -c 'd=$(python3 -c "import sysconfig; print(sysconfig.get_path(\"purelib\", \"posix_local\"))" 2>/dev/null || true)
        d=${d:-/usr/local/lib/python3.11/dist-packages}; mkdir -p "$d/dbus" && cat >"$d/dbus/__init__.py"' <"$shim"
done

W=$B/work
mkdir -p "$W/in/templates"
cat >"$W/in/templates/nova.conf.j2" <<'EOF'
[DEFAULT]
debug = {{ bench_debug }}
host = {{ inventory_hostname }}
[api]
workers = 4
EOF
printf '[DEFAULT]\nlog_dir = /var/log/kolla\n[database]\nmax_pool_size = 10\n' >"$W/in/global.conf"
printf '[api]\nworkers = 8\n[oslo_messaging]\ndriver = rabbit\n' >"$W/in/nova.conf"
cat >"$W/ansible.cfg" <<EOF
[defaults]
collections_path = $collections
action_plugins = $kolla/action_plugins
library = $kolla/library
module_utils = $kolla/module_utils
inventory = $inventory
retry_files_enabled = false
stdout_callback = default
forks = $largest
[ssh_connection]
control_path_dir = $state/cp
EOF

# The container every compare_container checks: made once per node by ours, identical for both modules.
container='name: oc_cluster_bench
        image: overcloud-test/demo-memcached:1
        command: sleep infinity
        environment: {KOLLA_CONFIG_STRATEGY: COPY_ALWAYS}
        volumes: ["/etc/oc-cluster-bench/config/:/var/lib/kolla/config_files/:ro", "/etc/localtime:/etc/localtime:ro"]'
playbook() {  # $1 = file, $2 = merge_configs module, $3 = container module (+ extra args), '' = empty play
    {
        echo '- hosts: "{{ bench_hosts }}"'
        echo '  gather_facts: false'
        echo "  vars: {bench_debug: true, src: $W/in}"
        echo '  tasks:'
        if [[ -n $2 ]]; then
            for i in $(seq "$M"); do
                if ((i % 2)); then
                    printf '    - %s\n      %s\n' "$2:" 'args:'
                    printf '        sources: ["{{ src }}/templates/nova.conf.j2", "{{ src }}/global.conf", "{{ src }}/nova.conf"]\n'
                    printf '        dest: /etc/oc-cluster-bench/%s.conf\n        mode: "0640"\n' "${1%.yml}"
                else
                    printf '    - %s\n      args:\n        action: compare_container\n        %s\n%s\n' "$3:" "$container" "${4:-}"
                fi
            done
        fi
    } >"$W/$1"
}
playbook empty.yml ''
playbook ours.yml overcloud.containers.merge_configs overcloud.containers.kolla_docker
playbook kolla.yml merge_configs kolla_container '        container_engine: docker'
cat >"$W/setup.yml" <<EOF
- hosts: all
  gather_facts: false
  tasks:
    - ansible.builtin.file: {path: /etc/oc-cluster-bench/config, state: directory, mode: "0755"}
    # What compare_container's kolla_set_configs --check reads inside the container (both modules run it).
    - ansible.builtin.copy:
        dest: /etc/oc-cluster-bench/config/config.json
        content: '{"command": "sleep infinity", "config_files": []}'
        mode: "0644"
    - overcloud.containers.kolla_docker:
        action: start_container
        $container
EOF

export ANSIBLE_CONFIG=$W/ansible.cfg ANSIBLE_PIPELINING=True PYTHONWARNINGS=ignore
unset ANSIBLE_COLLECTIONS_PATH ANSIBLE_REMOTE_TMP ANSIBLE_KEEP_REMOTE_FILES
ap=$KVENV/bin/ansible-playbook
"$ap" "$W/setup.yml" >"$B/results/setup.log" 2>&1 || die "set-up failed: $B/results/setup.log"

hosts_of() { seq -f 'node%g' 1 "$1" | paste -sd, -; }
# --- verify: every variant runs clean on the largest N; the merged files are identical -----------
for v in ours kolla; do
    "$ap" "$W/$v.yml" -e bench_hosts="$(hosts_of "$largest")" >"$B/results/verify-$v.log" 2>&1 ||
        die "$v failed: see $B/results/verify-$v.log"
done
for ((i = 1; i <= largest; i++)); do
    docker exec "$cluster-node$i" cmp /etc/oc-cluster-bench/ours.conf /etc/oc-cluster-bench/kolla.conf ||
        die "node$i: ours and Kolla's merged files differ"
done
changed_ours=$(grep -c '^changed:' "$B/results/verify-ours.log" || true)
log "verified; ours reports changed on $changed_ours task results after the first pass"

# --- timing ------------------------------------------------------------------------------------
declare -A times
for round in $(seq "$RUNS"); do
    for n in "${sizes[@]}"; do
        order=(empty ours kolla)
        ((round % 2)) || order=(kolla ours empty)
        for v in "${order[@]}"; do
            start=${EPOCHREALTIME/./}
            "$ap" "$W/$v.yml" -e bench_hosts="$(hosts_of "$n")" >/dev/null 2>&1 || die "$v on $n nodes failed (round $round)"
            times[$v-$n]+="$(((${EPOCHREALTIME/./} - start) / 1000)) "
        done
    done
    log "round $round/$RUNS done"
done

median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
core=$("$KVENV/bin/python" -c 'from ansible.release import __version__ as v; print(v)')
{
    echo "ansible-core $core (Kolla venv), kolla-ansible 23.0.0; nodes: scripts/cluster.sh containers (sshd, dockerd),"
    echo "forks $largest, ControlPersist, pipelining on; $M tasks per playbook (merge_configs and compare_container"
    echo "alternating), $RUNS interleaved rounds; per task = (median - empty play median) / $M. Load at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    echo "| nodes | empty play s | ours: per task ms | ours: per task per node ms | Kolla: per task ms | Kolla: per task per node ms | ours / Kolla |"
    echo "|---:|---:|---:|---:|---:|---:|---:|"
    for n in "${sizes[@]}"; do
        base=$(median "${times[empty-$n]}")
        ours=$(( ($(median "${times[ours-$n]}") - base) / M ))
        kol=$(( ($(median "${times[kolla-$n]}") - base) / M ))
        printf '| %s | %s | **%d** | %d | **%d** | %d | **%s** |\n' "$n" "$(awk -v m="$base" 'BEGIN {printf "%.2f", m / 1000}')" \
            "$ours" "$((ours / n))" "$kol" "$((kol / n))" "$(awk -v a="$ours" -v b="$kol" 'BEGIN {printf "%.2f", a / b}')"
        echo "$n $ours $kol" >>"$W/per-task"
    done
    first=$(head -1 "$W/per-task") last=$(tail -1 "$W/per-task")
    echo
    echo "ours per task, ${first%% *} -> ${last%% *} nodes: $(awk -v a="$(cut -d' ' -f2 <<<"$first")" -v b="$(cut -d' ' -f2 <<<"$last")" 'BEGIN {printf "%.2f", b / a}')x (target <= 1.5x);" \
        "Kolla: $(awk -v a="$(cut -d' ' -f3 <<<"$first")" -v b="$(cut -d' ' -f3 <<<"$last")" 'BEGIN {printf "%.2f", b / a}')x"
    rm -f "$W/per-task"
} | tee "$B/results/table.md"
