#!/usr/bin/env bash
# Benchmark: per-task time over SSH of our modules on the plain binary path, our modules on the
# fast path (plugins/plugin_utils/fast_path.py), and Kolla-Ansible's Python, pipelined, in the
# same run, under the same ansible-playbook (the Kolla venv's ansible-core 2.21).
#
#   bench/fast_path.sh          prints the table (also in $OC_FP_BENCH_DIR/results/table.md)
#
# Target: a throw-away sshd on 127.0.0.1 (scripts/start-sshd.sh; stopped at the end), root, one
# host, Ansible's default ssh settings (ControlMaster/ControlPersist), gather_facts: false.
# Playbooks of N identical tasks (each the same task over and over, so the outputs are there and
# unchanged after the verify pass):
#   ours, plain      overcloud.containers.merge_configs, overcloud_containers_fast_path=false
#   ours, fast path  the same, fast path on (cache warm: the verify pass filled it)
#   Kolla, pipelined Kolla-Ansible 23.0.0's merge_configs action (Python: render, merge, then
#                    `copy`, i.e. the stat and file Python modules on the target), pipelining on
#   Python floor     ansible.builtin.ping, pipelining on (one Python module, one round trip)
# plus the empty play (the baseline). Same INI sources (a Jinja template + two overrides) and the
# same dest file layout for ours and Kolla's. Rounds are interleaved (every variant once per round,
# reversed on even rounds); per task = (median - empty play median) / N.
#
# Environment (defaults in brackets):
#   OC_FP_BENCH_DIR [/tmp/oc-fastpath/bench]  everything this script writes
#   N [20]     tasks per playbook
#   RUNS [3]   timed rounds
#   OC_KOLLA_VENV  a venv with kolla-ansible==23.0.0; default /tmp/oc-bench/venv-kolla if it exists
#                  (used read-only), else $OC_FP_BENCH_DIR/venv-kolla (created, Python >= 3.12)
#   TARBALL    our collection [dist/overcloud-containers-<version>.tar.gz, built if missing]
set -euo pipefail
{
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
B=${OC_FP_BENCH_DIR:-/tmp/oc-fastpath/bench}
N=${N:-20}
RUNS=${RUNS:-3}
log() { printf '[fast_path bench] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- set-up ------------------------------------------------------------------------------------
KVENV=${OC_KOLLA_VENV:-}
if [[ -z $KVENV ]]; then
    if [[ -x /tmp/oc-bench/venv-kolla/bin/ansible-playbook ]]; then KVENV=/tmp/oc-bench/venv-kolla; else KVENV=$B/venv-kolla; fi
fi
if [[ ! -x $KVENV/bin/ansible-playbook ]]; then
    py=$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -V | tail -1 || true)
    py=${py:-$(command -v python3.12 || true)}
    [[ -n $py ]] || die "no Python >= 3.12 for kolla-ansible 23"
    log "creating $KVENV (kolla-ansible==23.0.0)"
    "$py" -m venv "$KVENV"
    "$KVENV/bin/pip" install -q kolla-ansible==23.0.0
fi
kolla_actions=$(find "$KVENV" -path '*/share/kolla-ansible/ansible/action_plugins' -type d | head -1)
[[ -d $kolla_actions ]] || die "Kolla's action_plugins not found under $KVENV"

version=$(sed -n 's/^version: *//p' "$root/galaxy.yml")
TARBALL=${TARBALL:-$root/dist/overcloud-containers-$version.tar.gz}
[[ -f $TARBALL ]] || TARBALL=$("$root/scripts/build-collection.sh")

[[ -f $B/sshd/sshd.pid ]] && "$root/scripts/start-sshd.sh" --stop "$B/sshd"
rm -rf "$B/work" "$B/sshd" "$B/collections"
mkdir -p "$B/work/in/templates" "$B/work/out" "$B/results" "$B/collections"
"$KVENV/bin/ansible-galaxy" collection install "$TARBALL" -p "$B/collections" --force >/dev/null
"$root/scripts/start-sshd.sh" "$B/sshd" >/dev/null
trap '"$root/scripts/start-sshd.sh" --stop "$B/sshd"' EXIT

W=$B/work
cat >"$W/in/templates/nova.conf.j2" <<'EOF'
[DEFAULT]
debug = {{ bench_debug }}
{% for h in bench_hosts %}
host_{{ loop.index }} = {{ h }}
{% endfor %}
[api]
workers = 4
EOF
printf '[DEFAULT]\nlog_dir = /var/log/kolla\n[database]\nmax_pool_size = 10\n' >"$W/in/global.conf"
printf '[api]\nworkers = 8\n[oslo_messaging]\ndriver = rabbit\n' >"$W/in/nova.conf"
cat >"$W/ansible.cfg" <<EOF
[defaults]
collections_path = $B/collections
action_plugins = $kolla_actions
inventory = $B/sshd/inventory.ini
retry_files_enabled = false
stdout_callback = default
[ssh_connection]
control_path_dir = $B/sshd/cp
EOF

playbook() {  # $1 = file, $2 = module line ('' = empty play), $3 = extra task lines
    {
        echo "- hosts: fp1"
        echo "  gather_facts: false"
        echo "  vars: {bench_debug: true, bench_hosts: [db1, db2], src: $W/in}"
        echo "  tasks:"
        if [[ -n $2 ]]; then
            for i in $(seq "$N"); do
                echo "    - $2"
                printf '%s\n' "$3"
            done
        fi
    } >"$W/$1"
}
merge_args='        sources: ["{{ src }}/templates/nova.conf.j2", "{{ src }}/global.conf", "{{ src }}/nova.conf"]'
playbook empty.yml ''
playbook ours.yml 'overcloud.containers.merge_configs:' "$merge_args
        dest: $W/out/ours.conf
        mode: \"0640\""
playbook kolla.yml 'merge_configs:' "$merge_args
        dest: $W/out/kolla.conf
        mode: \"0640\""
playbook ping.yml 'ansible.builtin.ping:' ''

export ANSIBLE_CONFIG=$W/ansible.cfg
unset ANSIBLE_COLLECTIONS_PATH ANSIBLE_REMOTE_TMP ANSIBLE_KEEP_REMOTE_FILES
names=(empty plain fast kolla ping)
declare -A cmd=(
    [empty]="ANSIBLE_PIPELINING=True $KVENV/bin/ansible-playbook $W/empty.yml"
    [plain]="ANSIBLE_PIPELINING=True $KVENV/bin/ansible-playbook $W/ours.yml -e overcloud_containers_fast_path=false"
    [fast]="ANSIBLE_PIPELINING=True $KVENV/bin/ansible-playbook $W/ours.yml"
    [kolla]="ANSIBLE_PIPELINING=True $KVENV/bin/ansible-playbook $W/kolla.yml"
    [ping]="ANSIBLE_PIPELINING=True $KVENV/bin/ansible-playbook $W/ping.yml"
)
declare -A label=(
    [empty]="empty play (baseline)"
    [plain]="ours, plain binary module (fast path off)"
    [fast]="ours, fast path (cache warm)"
    [kolla]="Kolla-Ansible merge_configs, pipelined"
    [ping]="ansible.builtin.ping, pipelined (1 Python module)"
)

# --- verify: everything runs, outputs identical; fills the cache and the dest files -------------
for n in fast plain kolla ping; do
    bash -c "${cmd[$n]}" >"$B/results/verify-$n.log" 2>&1 || die "${label[$n]} failed: see $B/results/verify-$n.log"
    grep -q "failed=0" "$B/results/verify-$n.log" || die "${label[$n]}: failures in $B/results/verify-$n.log"
done
cmp "$W/out/ours.conf" "$W/out/kolla.conf" || die "ours and Kolla's merge_configs outputs differ ($W/out)"
# Remote commands per task, from -vvv (one task each, warm)
count_ops() {  # $1 = variant -> "<ssh commands> <uploads>" for the whole N-task playbook
    local log=$B/results/ops-$1.log
    bash -c "${cmd[$1]} -vvv" >"$log" 2>&1
    echo "$(grep -c 'SSH: EXEC ssh ' "$log") $(grep -c 'SSH: EXEC sftp ' "$log")"
}
declare -A ops
for n in plain fast kolla ping; do ops[$n]=$(count_ops "$n"); done

# --- timing: interleaved rounds ----------------------------------------------------------------
declare -A times
for round in $(seq "$RUNS"); do
    order=("${names[@]}")
    if ((round % 2 == 0)); then order=(ping kolla fast plain empty); fi
    for n in "${order[@]}"; do
        start=${EPOCHREALTIME/./}
        bash -c "${cmd[$n]}" >/dev/null 2>&1 || die "${label[$n]} failed in round $round"
        times[$n]+="$(((${EPOCHREALTIME/./} - start) / 1000)) "
    done
    log "round $round/$RUNS done"
done

median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
base=$(median "${times[empty]}")
core=$("$KVENV/bin/python" -c 'from ansible.release import __version__ as v; print(v)')
size=$(stat -c %s "$B/collections/ansible_collections/overcloud/containers/plugins/modules/merge_configs")
{
    echo "ansible-core $core (Kolla venv $KVENV), kolla-ansible 23.0.0, $(basename "$TARBALL"); node binary $size bytes."
    echo "SSH to 127.0.0.1 (scripts/start-sshd.sh: Debian sshd, PAM, key auth), one host, ControlPersist; $N tasks per playbook,"
    echo "$RUNS interleaved rounds; per task = (median - empty play median ${base} ms) / $N. Load at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    echo "| variant | median s ($N tasks) | per task ms | ssh commands / uploads per task | vs Kolla pipelined |"
    echo "|---|---:|---:|---:|---:|"
    kolla_ms=$(( ($(median "${times[kolla]}") - base) / N ))
    for n in plain fast kolla ping empty; do
        m=$(median "${times[$n]}")
        if [[ $n == empty ]]; then
            printf '| %s | %s | | | |\n' "${label[$n]}" "$(awk -v m="$m" 'BEGIN {printf "%.2f", m / 1000}')"
            continue
        fi
        per=$(( (m - base) / N ))
        read -r execs puts <<<"${ops[$n]}"
        printf '| %s | %s | **%d** | %s / %s | %s |\n' "${label[$n]}" "$(awk -v m="$m" 'BEGIN {printf "%.2f", m / 1000}')" "$per" \
            "$(awk -v e="$execs" -v n="$N" 'BEGIN {printf "%.2g", e / n}')" "$(awk -v e="$puts" -v n="$N" 'BEGIN {printf "%.2g", e / n}')" \
            "$(awk -v p="$per" -v k="$kolla_ms" 'BEGIN {printf "%.2f", p / k}')"
    done
} | tee "$B/results/table.md"
exit 0
}
