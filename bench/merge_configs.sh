#!/usr/bin/env bash
# Benchmark: overcloud.containers.merge_configs / merge_yaml (Swift binary modules) beside
# Kolla-Ansible 23.0.0's own merge_configs / merge_yaml action plugins, in the same run, under
# the same ansible-playbook (the Kolla venv's ansible-core 2.21), on identical Kolla-style inputs.
#
#   bench/merge_configs.sh            set-up (idempotent), verify, time, print the table
#
# Steps:
#   1. set-up: hyperfine (apt), a Python >= 3.12 venv with kolla-ansible==23.0.0, our collection
#      tarball (dist/, else scripts/build-collection.sh) installed with the venv's ansible-galaxy;
#   2. verify: each side runs once from nothing (must report changed=N) and once more (changed=0),
#      and both sides' dest files must be byte-identical with the same mode; fails loudly if not;
#   3. size and start time of each module name of the node binary (hyperfine -N, a tiny merge);
#   4. hyperfine over ansible-playbook, ours and Kolla's interleaved round by round: Ansible's
#      floors (empty play, N x debug, NP x ping), then for merge_configs and merge_yaml the phases
#      "first run (all changed)" (--prepare empties the dest dirs) and "second run (no change)",
#      all with ANSIBLE_PIPELINING=True (Kolla's recommended setting); merge_configs once more
#      with pipelining off;
#   5. the table (bench/merge_configs/table.py): medians, ratio Kolla/ours, per-task ms after
#      subtracting the empty play (timed inside each group's rounds); also in
#      $OC_BENCH_DIR/results/table.md.
#
# Environment (defaults in brackets):
#   OC_BENCH_DIR [/tmp/oc-bench]   everything this script writes (venv, collection, work, results)
#   RUNS [5]          timed runs of each ansible-playbook command (interleaved rounds, see time_group)
#   WARMUP [0]        hyperfine warmup runs per merge command; the verify pass (step 2) has just run
#                     every merge playbook in both phases, so it is the warmup (the floor always has 1)
#   N [50]            merge_configs tasks per playbook (and debug tasks of the floor)
#   NY [10]           merge_yaml tasks per playbook (0 skips merge_yaml)
#   NP [10]           ping tasks of the Python-module floor (0 skips it)
#   START_RUNS [200]  hyperfine --runs for the start time of each module (plus --warmup 20)
#   NOPIPE_RUNS [1]   merge_configs again with ANSIBLE_PIPELINING=False, both sides, both phases,
#                     NOPIPE_RUNS rounds, no warmup (0 skips)
#   OC_BENCH_BUILD=1  rebuild the tarball with scripts/build-collection.sh even if dist/ has one
#   OC_BENCH_IGNORE_DIFF=1  time even when the outputs differ (the table then says so)
#   OC_VENV [/tmp/oc-venv]  ansible-core venv of scripts/setup.sh (only used to build the tarball)
set -euo pipefail
# The whole script is one { ... } block: bash parses it before running any of it, so editing this
# file while a run is going on cannot derail that run.
{
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
here=$root/bench
B=${OC_BENCH_DIR:-/tmp/oc-bench}
RUNS=${RUNS:-5}
N=${N:-50}
NY=${NY:-10}
NP=${NP:-10}
START_RUNS=${START_RUNS:-200}
NOPIPE_RUNS=${NOPIPE_RUNS:-1}
WARMUP=${WARMUP:-0}
KVENV=$B/venv-kolla
KOLLA_VERSION=23.0.0
W=$B/work
R=$B/results

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }
t_start=$SECONDS
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# Nothing from the caller's environment may change how Ansible behaves.
while read -r v; do unset "$v"; done < <(compgen -e | grep '^ANSIBLE_' || true)

mkdir -p "$B" "$R"
rm -rf "$R"/hf-* "$R"/diff-* "$R"/verify-* "$R"/table.md "$R"/meta.json

# =========================================================================== 1. set-up
# --- hyperfine -----------------------------------------------------------------------------
if ! command -v hyperfine >/dev/null; then
    log "apt-get install hyperfine"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null
fi

# --- Kolla venv ----------------------------------------------------------------------------
# kolla-ansible 23.0.0 needs Python >= 3.12 (Debian 12 ships 3.11): pyenv's 3.12.1 first,
# then any other 3.12+ from pyenv or PATH.
find_python() {
    local c
    for c in /root/.pyenv/versions/3.12.1/bin/python3 /root/.pyenv/versions/3.12*/bin/python3 \
             "$(command -v python3.12 || true)" /root/.pyenv/versions/3.13*/bin/python3 \
             "$(command -v python3.13 || true)" "$(command -v python3 || true)"; do
        [[ -n $c && -x $c ]] || continue
        if "$c" -c 'import sys, venv, ensurepip; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
            echo "$c"; return 0
        fi
    done
    return 1
}
kolla_ok() {
    [[ -x $KVENV/bin/ansible-playbook ]] && "$KVENV/bin/python" - "$KOLLA_VERSION" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
import oslo_config.iniparser, yaml  # what Kolla's two action plugins import
sys.exit(0 if version("kolla-ansible") == sys.argv[1] else 1)
PY
}
if ! kolla_ok; then
    py=$(find_python) || die "no Python >= 3.12 found: kolla-ansible $KOLLA_VERSION cannot be installed"
    log "creating $KVENV with $py (pip install kolla-ansible==$KOLLA_VERSION)"
    rm -rf "$KVENV"
    "$py" -m venv "$KVENV"
    "$KVENV/bin/python" -m pip install -q --disable-pip-version-check "kolla-ansible==$KOLLA_VERSION"
    kolla_ok || die "kolla-ansible $KOLLA_VERSION did not install into $KVENV"
fi
core=$("$KVENV/bin/python" -c 'from ansible.release import __version__ as v; print(v)')
pyver=$("$KVENV/bin/python" -c 'import platform; print(platform.python_version())')

# Kolla's action plugins: the wheel puts the playbooks and plugins under <prefix>/share/kolla-ansible.
KOLLA_ACTIONS=$("$KVENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["data"])')/share/kolla-ansible/ansible/action_plugins
if [[ ! -f $KOLLA_ACTIONS/merge_configs.py ]]; then
    found=$(find "$KVENV" -path '*ansible/action_plugins/merge_configs.py' -print -quit)
    [[ -n $found ]] || die "Kolla's merge_configs.py action plugin not found under $KVENV"
    KOLLA_ACTIONS=$(dirname "$found")
fi
[[ -f $KOLLA_ACTIONS/merge_yaml.py ]] || die "no merge_yaml.py beside $KOLLA_ACTIONS/merge_configs.py"

# --- our collection ------------------------------------------------------------------------
tarball=$(ls -t "$root"/dist/overcloud-containers-*.tar.gz 2>/dev/null | head -1 || true)
if [[ -z $tarball || ${OC_BENCH_BUILD:-0} == 1 ]]; then
    log "building the collection (scripts/setup.sh, scripts/build-collection.sh)"
    "$root/scripts/setup.sh"
    tarball=$("$root/scripts/build-collection.sh")
fi
[[ -f $tarball ]] || die "no collection tarball"
newer=$(find "$root/Sources" "$root/collection" "$root/galaxy.yml" -type f -newer "$tarball" -print -quit 2>/dev/null || true)
[[ -z $newer ]] || log "WARNING: $tarball is older than ${newer#"$root"/} (OC_BENCH_BUILD=1 or make build refreshes it)"
COLL=$B/collections
stamp=$(sha256sum "$tarball" | cut -d' ' -f1)
if [[ $(cat "$COLL/.tarball.sha256" 2>/dev/null) != "$stamp" ]]; then
    log "installing $(basename "$tarball") into $COLL with the Kolla venv's ansible-galaxy"
    rm -rf "$COLL"; mkdir -p "$COLL"
    ANSIBLE_COLLECTIONS_PATH=$COLL "$KVENV/bin/ansible-galaxy" collection install -p "$COLL" "$tarball" --force >/dev/null
    echo "$stamp" >"$COLL/.tarball.sha256"
fi
MODDIR=$COLL/ansible_collections/overcloud/containers/plugins/modules
NODE=$(readlink -f "$MODDIR/merge_configs")
[[ -x $NODE ]] || die "no node binary at $MODDIR/merge_configs"
# The binary is multi-call: it lists its modules only when called by its own name.
mkdir -p "$B/bin"; ln -sfn "$NODE" "$B/bin/overcloud-node"
mapfile -t MODULES < <("$B/bin/overcloud-node" --list-modules)
((${#MODULES[@]})) || die "overcloud-node --list-modules printed nothing"
have_yaml=0
for m in "${MODULES[@]}"; do [[ $m == merge_yaml ]] && have_yaml=1; done
if ((NY > 0 && !have_yaml)); then log "the installed binary has no merge_yaml: skipping merge_yaml"; NY=0; fi

# =========================================================================== work dir
# Inputs (identical for both sides), generated playbooks, ansible.cfg, inventory, dest dirs.
rm -rf "$W"
mkdir -p "$W/tmp/local" "$W/tmp/remote" "$W/out"
cp -a "$here/merge_configs/inputs/." "$W/"
cat >"$W/inventory.ini" <<EOF
localhost ansible_connection=local ansible_python_interpreter=$KVENV/bin/python3
EOF
# One configuration for every run: both plugin sources on the path, so the only difference
# between the two sides is the module name in the playbook.
cat >"$W/ansible.cfg" <<EOF
[defaults]
inventory = $W/inventory.ini
collections_path = $COLL
action_plugins = $KOLLA_ACTIONS
local_tmp = $W/tmp/local
remote_tmp = $W/tmp/remote
retry_files_enabled = False
nocolor = True
stdout_callback = default
EOF
export ANSIBLE_CONFIG=$W/ansible.cfg
PLAYBOOK=$KVENV/bin/ansible-playbook

# gen_play FILE KIND MODULE COUNT OUTDIR: a play of COUNT Kolla-style tasks (or debug/ping floors).
gen_play() {
    local file=$1 kind=$2 module=$3 count=$4 out=${5:-} i
    {
        printf -- '- name: %s x%d (%s)\n  hosts: localhost\n  gather_facts: false\n' "$kind" "$count" "$module"
        printf '  vars_files: [vars.yml]\n  vars:\n    node_custom_config: "{{ playbook_dir }}/config"\n'
        printf '  tasks:\n'
        ((count == 0)) && printf '    []\n'
        for ((i = 1; i <= count; i++)); do
            case $kind in
            ini) cat <<EOF
    - name: Copying over nova.conf ($i)
      $module:
        sources:
          - "{{ playbook_dir }}/templates/nova.conf.j2"
          - "{{ node_custom_config }}/global.conf"
          - "{{ node_custom_config }}/nova.conf"
          - "{{ node_custom_config }}/nova/nova-compute.conf"
          - "{{ node_custom_config }}/nova/{{ inventory_hostname }}/nova.conf"
        dest: "$out/nova-$i.conf"
        mode: "0660"
      vars:
        bench_index: $i
EOF
            ;;
            yaml) cat <<EOF
    - name: Copying over prometheus.yml ($i)
      $module:
        sources:
          - "{{ playbook_dir }}/templates/prometheus.yml.j2"
          - "{{ node_custom_config }}/prometheus/prometheus.yml"
          - "{{ node_custom_config }}/prometheus/{{ inventory_hostname }}/prometheus.yml"
        dest: "$out/prometheus-$i.yml"
        mode: "0660"
        extend_lists: true
      vars:
        bench_index: $i
EOF
            ;;
            debug) printf '    - name: debug (%d)\n      ansible.builtin.debug:\n        msg: "task %d"\n' "$i" "$i" ;;
            ping) printf '    - name: ping (%d)\n      ansible.builtin.ping:\n' "$i" ;;
            esac
        done
    } >"$file"
}
gen_play "$W/empty.yml" empty - 0
gen_play "$W/debug.yml" debug ansible.builtin.debug "$N"
gen_play "$W/ping.yml" ping ansible.builtin.ping "$NP"
gen_play "$W/ini-ours.yml" ini overcloud.containers.merge_configs "$N" "$W/out/ini-ours"
gen_play "$W/ini-kolla.yml" ini merge_configs "$N" "$W/out/ini-kolla"
if ((NY > 0)); then
    gen_play "$W/yaml-ours.yml" yaml overcloud.containers.merge_yaml "$NY" "$W/out/yaml-ours"
    gen_play "$W/yaml-kolla.yml" yaml merge_yaml "$NY" "$W/out/yaml-kolla"
fi
# reset.sh NAME: empty one side's dest dir (hyperfine --prepare of the first-run phase).
cat >"$W/reset.sh" <<EOF
#!/bin/sh
rm -rf "$W/out/\$1" && mkdir -p "$W/out/\$1"
EOF
chmod +x "$W/reset.sh"
play() { # NAME PIPELINING: the exact command hyperfine times
    printf 'ANSIBLE_PIPELINING=%s %q %q' "$2" "$PLAYBOOK" "$W/$1.yml"
}

# =========================================================================== 2. verify
# recap_check LOG WANT_CHANGED: the recap line must say changed=WANT failed=0.
recap_check() {
    local log=$1 want=$2 line
    line=$(grep -E '^localhost +:' "$log" | tail -1 || true)
    [[ $line =~ changed=([0-9]+).*failed=([0-9]+) ]] || { cat "$log" >&2; die "no recap in $log"; }
    [[ ${BASH_REMATCH[1]} == "$want" && ${BASH_REMATCH[2]} == 0 ]] ||
        { tail -40 "$log" >&2; die "$log: expected changed=$want failed=0, got: $line"; }
}
diffs=0
verify() { # KIND COUNT
    local kind=$1 count=$2 side f
    for side in ours kolla; do
        "$W/reset.sh" "$kind-$side"
        ANSIBLE_PIPELINING=True "$PLAYBOOK" "$W/$kind-$side.yml" >"$R/verify-$kind-$side-1.log" 2>&1 ||
            { tail -40 "$R/verify-$kind-$side-1.log" >&2; die "$kind-$side: first run failed (log $R/verify-$kind-$side-1.log)"; }
        recap_check "$R/verify-$kind-$side-1.log" "$count"
        ANSIBLE_PIPELINING=True "$PLAYBOOK" "$W/$kind-$side.yml" >"$R/verify-$kind-$side-2.log" 2>&1 ||
            { tail -40 "$R/verify-$kind-$side-2.log" >&2; die "$kind-$side: second run failed (log $R/verify-$kind-$side-2.log)"; }
        recap_check "$R/verify-$kind-$side-2.log" 0
    done
    local a=$W/out/$kind-ours b=$W/out/$kind-kolla report=$R/diff-$kind.txt
    : >"$report"
    [[ $(find "$a" -type f | wc -l) == "$count" && $(find "$b" -type f | wc -l) == "$count" ]] ||
        die "$kind: expected $count files in $a and $b"
    diff -r "$a" "$b" >>"$report" 2>&1 || true
    for f in "$a"/*; do
        [[ $(stat -c %a "$f") == $(stat -c %a "$b/${f##*/}") ]] ||
            echo "mode differs: $f $(stat -c %a "$f") vs $b/${f##*/} $(stat -c %a "$b/${f##*/}")" >>"$report"
    done
    if [[ -s $report ]]; then
        diffs=1
        # Keep the first differing pair beside the report (the work dir is wiped by the next run).
        first=$(diff -rq "$a" "$b" 2>/dev/null | sed -n 's|^Files .*/\([^/ ]*\) and .* differ$|\1|p' | head -1 || true)
        mkdir -p "$R/diff-$kind"
        if [[ -n $first ]]; then
            cp "$a/$first" "$R/diff-$kind/ours-$first"
            cp "$b/$first" "$R/diff-$kind/kolla-$first"
        fi
        log "OUTPUTS DIFFER ($kind): ours $a vs Kolla $b; full report $R/diff-$kind.txt${first:+, first differing pair copied to $R/diff-$kind/}:"
        head -40 "$report" >&2
        [[ ${OC_BENCH_IGNORE_DIFF:-0} == 1 ]] || die "$kind: ours and Kolla's outputs differ (OC_BENCH_IGNORE_DIFF=1 times anyway)"
    else
        rm -f "$report"
        log "$kind: $count dest files byte-identical (content and mode) between ours and Kolla's; changed=$count then 0 on both sides"
    fi
}
log "verify: ansible-core $core on Python $pyver; Kolla plugins from $KOLLA_ACTIONS"
verify ini "$N"
((NY > 0)) && verify yaml "$NY"

# =========================================================================== 3. size + start time
# Each module name is a symlink to the one binary. merge_configs / merge_yaml: a tiny merge into a
# temp dir (the first run writes the dest, the rest find it unchanged: the whole no-change path).
# Any other module: a check-mode call without its required arguments, which fails fast after
# argument validation (so hyperfine -i). One hyperfine per name: $R/hf-start-NAME.json.
S=$W/start; mkdir -p "$S"
printf '{"contents": ["[DEFAULT]\\ndebug = True\\n"], "dest": "%s/merge_configs.out"}\n' "$S" >"$S/merge_configs.json"
printf '{"contents": ["a:\\n  b: 1\\n"], "dest": "%s/merge_yaml.out"}\n' "$S" >"$S/merge_yaml.json"
log "start time: hyperfine -N --warmup 20 --runs $START_RUNS for each of ${#MODULES[@]} module names"
for m in "${MODULES[@]}"; do
    ignore=()
    if [[ ! -f $S/$m.json ]]; then
        printf '{"_ansible_check_mode": true}\n' >"$S/$m.json"
        ignore=(--ignore-failure)
    fi
    [[ -e $MODDIR/$m ]] || die "module $m (from --list-modules) is not in $MODDIR"
    hyperfine -N --warmup 20 --runs "$START_RUNS" --style basic ${ignore[@]+"${ignore[@]}"} \
        --export-json "$R/hf-start-$m.json" "$MODDIR/$m $S/$m.json" >"$R/hf-start-$m.txt" 2>&1 ||
        { cat "$R/hf-start-$m.txt" >&2; die "hyperfine (start time of $m) failed"; }
done

# =========================================================================== 4. timings
# time_group NAME ROUNDS WARMUP SPEC...   SPEC = "label|prepare command|timed command"
# The machine is shared, so its load drifts: rather than all runs of one side and then all of
# the other, each round runs every command once (hyperfine --runs 1), in reverse order on even
# rounds (ABBA...). Round r goes to $R/hf-NAME.rR.json; table.py pools the rounds (median, min,
# mean user/sys). WARMUP warmup runs per command happen in round 1 only.
time_group() {
    local name=$1 rounds=$2 warmup=$3 t0=$SECONDS r i label prep cmd; shift 3
    local specs=("$@") order args
    log "timing $name: $rounds rounds of ${#specs[@]} commands"
    for ((r = 1; r <= rounds; r++)); do
        order=()
        for ((i = 0; i < ${#specs[@]}; i++)); do
            if ((r % 2)); then order+=("${specs[i]}"); else order=("${specs[i]}" ${order[@]+"${order[@]}"}); fi
        done
        args=()
        for spec in "${order[@]}"; do
            IFS='|' read -r label prep cmd <<<"$spec"
            args+=(--prepare "${prep:-true}" -n "$label" "$cmd")
        done
        hyperfine --style basic --runs 1 --warmup "$((r == 1 ? warmup : 0))" \
            --export-json "$R/hf-$name.r$r.json" "${args[@]}" >"$R/hf-$name.r$r.txt" 2>&1 ||
            { cat "$R/hf-$name.r$r.txt" >&2; die "hyperfine $name (round $r) failed"; }
    done
    log "  $name: $((SECONDS - t0)) s"
}
floor=("empty||$(play empty True)" "debug||$(play debug True)")
((NP > 0)) && floor+=("ping||$(play ping True)")
time_group floor "$RUNS" 1 "${floor[@]}"
# Every merge group also runs the empty play in its rounds: its own baseline, taken under the
# same load as the two sides (a baseline from another minute can be off by half a second here).
empty="empty||$(play empty True)"
for kind in ini yaml; do
    [[ $kind == yaml ]] && ((NY == 0)) && continue
    # First run: --prepare empties the side's dest dir, so every task writes its file.
    time_group "$kind-first" "$RUNS" "$WARMUP" \
        "ours|$W/reset.sh $kind-ours|$(play "$kind-ours" True)" "$empty" \
        "kolla|$W/reset.sh $kind-kolla|$(play "$kind-kolla" True)"
    # Second run: the dest dirs stay as the first-run phase left them; every file is up to date.
    time_group "$kind-second" "$RUNS" "$WARMUP" \
        "ours||$(play "$kind-ours" True)" "$empty" "kolla||$(play "$kind-kolla" True)"
done
if ((NOPIPE_RUNS > 0)); then
    # Pipelining off: Kolla's stat/copy/file modules go through a file again; binary modules
    # never pipeline, so ours should not move. Short: NOPIPE_RUNS rounds, no warmup.
    time_group ini-nopipe-first "$NOPIPE_RUNS" 0 \
        "ours|$W/reset.sh ini-ours|$(play ini-ours False)" "empty||$(play empty False)" \
        "kolla|$W/reset.sh ini-kolla|$(play ini-kolla False)"
    time_group ini-nopipe-second "$NOPIPE_RUNS" 0 \
        "ours||$(play ini-ours False)" "empty||$(play empty False)" "kolla||$(play ini-kolla False)"
fi

# =========================================================================== 5. table
cat >"$R/meta.json" <<EOF
{"N": $N, "NY": $NY, "NP": $NP, "runs": $RUNS, "warmup": $WARMUP, "nopipe_runs": $NOPIPE_RUNS, "start_runs": $START_RUNS,
 "core": "$core", "python": "$pyver", "kolla": "$KOLLA_VERSION", "node": "$NODE", "diffs": $diffs,
 "tarball": "$(basename "$tarball")", "sha256": "${stamp:0:12}", "nproc": $(nproc),
 "load_start": "$load_start", "load_end": "$(cut -d' ' -f1-3 /proc/loadavg)", "seconds": $((SECONDS - t_start))}
EOF
"$KVENV/bin/python" "$here/merge_configs/table.py" "$R" >"$R/table.md"
cat "$R/table.md"
log "done in $((SECONDS - t_start)) s; results (hyperfine JSON, logs, table.md) in $R"
exit 0
}
