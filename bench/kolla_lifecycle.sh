#!/usr/bin/env bash
# Kolla container lifecycle, N containers, in ONE run (issue 3, "Done when"):
#   python        Kolla-Ansible 23's kolla_container (PyPI), pipelining on (the harness's own run:
#                 verify pass + hyperfine timing pass, ../shared/peer-bench/kolla_peer.sh)
#   python-nopipe the same with ANSIBLE_PIPELINING=False (like-for-like: binary modules cannot be pipelined)
#   swift         our binary answering to the name kolla_container, the harness's very playbook and phases
#   swift-bulk    ONE overcloud.containers.kolla_docker reconcile_containers task (bench/kolla/bulk.yml)
#   ping          Ansible's own floor: the same 30-item loop running ansible.builtin.ping (pipelined and not)
# Every phase of ours is verified first (changed counts, container ids / start times); a mismatch stops
# the run with the exact output. Then a table of medians, per-item ms and the ratios is printed.
#
#   bench/kolla_lifecycle.sh [N] [RUNS]        N=30, RUNS=3 (Python, pipelined) by default
#   bench/kolla_lifecycle.sh [N] _paired [ROUNDS]   only the paired check (after a full run: needs its set-up)
#
# Environment:
#   PY_NOPIPE_RUNS [2]   hyperfine runs for Kolla without pipelining (the slowest rows)
#   OURS_RUNS [5]        hyperfine runs for ours and the ping floors (each run takes seconds)
#   PAIRED_ROUNDS [3]    rounds of the paired check (Kolla pipelined / not, ours bulk, both pings, alternating); 0: skip
#   OCB_NO_BUILD=1       do not run scripts/build-collection.sh; install dist/overcloud-containers-*.tar.gz as is
#   OCB_SKIP_PYTHON=1    reuse the Python results of an earlier run (for iterating on this script)
#   OCB_DIR [/tmp/ocb-bench]   collection install, logs, hyperfine JSON, results-N.md
#   PEER_BENCH [../shared/peer-bench]
# Containers: the harness's peer_* (label peer_bench=1) and ours ocb_* (label ocb_bench=1, volume
# ocb_kolla_logs); nothing else on the Docker engine is touched. All traffic stays on 127.0.0.1.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PEER_BENCH="${PEER_BENCH:-$(cd "$ROOT/../shared/peer-bench" && pwd)}"
source "$PEER_BENCH/lib.sh"          # PEER_DIR, KOLLA_VENV, KOLLA_IMAGE
OCB_DIR="${OCB_DIR:-/tmp/ocb-bench}"
KD="$PEER_DIR/kolla"
PEER="$PEER_BENCH/kolla_peer.sh"
SELF="$HERE/kolla_lifecycle.sh"
N=30
if [[ ${1:-} =~ ^[0-9]+$ ]]; then N=$1; shift; fi
SVC="$KD/services-$N.json"
BULK_SVC="$OCB_DIR/bulk-services-$N.json"
BULK_TOKEN="$OCB_DIR/token"
LIB="$OCB_DIR/lib"                   # kolla_container -> our installed binary
COLL="$OCB_DIR/collections"

die() { printf 'kolla_lifecycle: %s\n' "$*" >&2; exit 1; }
log() { printf '[kolla_lifecycle %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# The harness's Ansible settings (kolla_peer.sh), for our own ansible-playbook runs.
ansible_env() {
    export ANSIBLE_CALLBACK_PLUGINS="$PEER_BENCH/callback_plugins"
    export ANSIBLE_CALLBACKS_ENABLED=peer_stats
    export ANSIBLE_PIPELINING="${ANSIBLE_PIPELINING:-True}"
    export ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_RETRY_FILES_ENABLED=False
    export ANSIBLE_LOCALHOST_WARNING=False ANSIBLE_INVENTORY_UNPARSED_WARNING=False
    export ANSIBLE_PYTHON_INTERPRETER="$KOLLA_VENV/bin/python"
    export ANSIBLE_COLLECTIONS_PATH="$COLL"
}
# shellcheck disable=SC2054  # "localhost," is an inline inventory
PLAY=("$KOLLA_VENV/bin/ansible-playbook" -i localhost, -c local)

# ------------------------------------------------------------------ bulk (ours): subcommands for hyperfine
bulk_reset() {
    local ids
    ids="$(docker ps -aq --filter label=ocb_bench=1)"
    if [ -n "$ids" ]; then docker rm -f $ids >/dev/null; fi
    docker volume rm ocb_kolla_logs >/dev/null 2>&1 || true
}
bulk_phase() {  # phase [stats-file] [result-file]
    local p=$1 stats=${2:-/dev/null} res=${3:-} tok extra=()
    [ -f "$BULK_TOKEN" ] || echo 0 > "$BULK_TOKEN"
    if [ "$p" = change ]; then date +%s%N > "$BULK_TOKEN"; fi
    tok="$(cat "$BULK_TOKEN")"
    [ -n "$res" ] && extra=(-e "ocb_result_file=$res")
    ( ansible_env
      PEER_STATS_FILE="$stats" "${PLAY[@]}" "$HERE/kolla/bulk.yml" \
          -e "@$BULK_SVC" -e phase="$p" -e token="$tok" "${extra[@]}" >>"$OCB_DIR/ansible-bulk-$p.log" 2>&1 )
}
# Paired check: the check phase of Kolla (pipelined and not), ours in bulk and the two ping floors,
# alternating command by command for ROUNDS rounds, so that the load of other work on the machine
# falls on all of them alike. Kolla checks the peer_* set it deployed; bulk checks the ocb_* set.
paired() {  # rounds
    local rounds=$1 f="$OCB_DIR/paired-check-$N.tsv" i c t0 t1
    log "paired check: deploying Kolla's peer_* set and ours ocb_* set"
    "$PEER" "$N" _reset
    ANSIBLE_PIPELINING=True "$PEER" "$N" _phase deploy
    bulk_reset; bulk_phase deploy
    : > "$f"
    for i in $(seq "$rounds"); do
        for c in python python-nopipe swift-bulk ping ping-nopipe; do
            t0=$(date +%s%N)
            case $c in
                python)        ANSIBLE_PIPELINING=True  "$PEER" "$N" _phase check ;;
                python-nopipe) ANSIBLE_PIPELINING=False "$PEER" "$N" _phase check ;;
                swift-bulk)    bulk_phase check ;;
                ping)          ANSIBLE_PIPELINING=True  "$PEER" "$N" _ping ;;
                ping-nopipe)   ANSIBLE_PIPELINING=False "$PEER" "$N" _ping ;;
            esac || die "paired check: $c failed (logs in $KD and $OCB_DIR)"
            t1=$(date +%s%N)
            printf '%s\t%s\t%s\n' "$i" "$c" "$(( (t1 - t0) / 1000000 ))" >> "$f"
        done
        log "paired round $i: $(awk -v r="$i" '$1 == r {printf "%s %.1f s  ", $2, $3 / 1000}' "$f")"
    done
    # the harness's check must not have changed anything either
    [ "$(docker ps -q --filter label=peer_bench=1 | wc -l)" -eq "$N" ] || die "paired check: peer_* containers not all running"
    "$PEER" "$N" _reset; bulk_reset
}
case "${1:-}" in
    _bulk) bulk_phase "$2"; exit $? ;;
    _paired) paired "${2:-3}"; "$KOLLA_VENV/bin/python" "$HERE/kolla/table.py" --paired "$N" "$OCB_DIR"; exit 0 ;;
    _bulk_reset) bulk_reset; exit 0 ;;
    _bulk_predeploy) bulk_reset; bulk_phase deploy; exit $? ;;
esac
RUNS="${1:-3}"
PY_NOPIPE_RUNS="${PY_NOPIPE_RUNS:-2}"
OURS_RUNS="${OURS_RUNS:-5}"
PAIRED_ROUNDS="${PAIRED_ROUNDS:-3}"

mkdir -p "$OCB_DIR"
RUN_START=$(date +%s)
OUT="$OCB_DIR/results-$N.md"
: > "$OUT"
say() { printf '%s\n' "$*" | tee -a "$OUT"; }

# ------------------------------------------------------------------ 1. set-up (idempotent)
log "harness set-up: $PEER_BENCH/setup.sh $N"
"$PEER_BENCH/setup.sh" "$N" >"$OCB_DIR/setup.log" 2>&1 || { cat "$OCB_DIR/setup.log" >&2; die "harness setup failed"; }
if [ "${OCB_NO_BUILD:-0}" != 1 ]; then
    log "building the collection (scripts/build-collection.sh)"
    (cd "$ROOT" && scripts/build-collection.sh) >"$OCB_DIR/build.log" 2>&1 || { cat "$OCB_DIR/build.log" >&2; die "build failed"; }
fi
shopt -s nullglob; tarballs=("$ROOT"/dist/overcloud-containers-*.tar.gz); shopt -u nullglob
[ ${#tarballs[@]} -ge 1 ] || die "no dist/overcloud-containers-*.tar.gz (run scripts/setup.sh, then scripts/build-collection.sh)"
TARBALL="$(ls -t "${tarballs[@]}" | head -1)"
rm -rf "$COLL"
"$KOLLA_VENV/bin/ansible-galaxy" collection install --force -p "$COLL" "$TARBALL" >"$OCB_DIR/galaxy.log" 2>&1 \
    || { cat "$OCB_DIR/galaxy.log" >&2; die "ansible-galaxy collection install failed"; }
MODDIR="$COLL/ansible_collections/overcloud/containers/plugins/modules"
BIN="$(readlink -f "$MODDIR/kolla_docker")"
[ -x "$BIN" ] || die "no kolla_docker binary in the installed collection ($MODDIR)"
mkdir -p "$LIB"; ln -sfn "$BIN" "$LIB/kolla_container"   # the loop runs and the bulk run use the same binary
[ -s "$SVC" ] || "$PEER" "$N" _reset   # any subcommand writes the harness's services file
jq '{ocb_services: (.peer_services | map({key: .labels.kolla_service, value: {
        container_name: ("ocb_" + (.container_name | ltrimstr("peer_"))),
        image, command, privileged, dimensions, enabled: true,
        volumes: (.volumes | map(sub("^peer_kolla_logs:"; "ocb_kolla_logs:"))),
        environment,
        labels: ((.labels | del(.peer_bench)) + {ocb_bench: "1"})}}) | from_entries),
     ocb_first: .peer_services[0].labels.kolla_service,
     docker_common_options}' "$SVC" > "$BULK_SVC"
[ "$(jq '.ocb_services | length' "$BULK_SVC")" -eq "$N" ] || die "bulk services file does not have $N entries"

ver() { "$KOLLA_VENV/bin/python" -c "import importlib.metadata as m; print(m.version('$1'))"; }
say "## Kolla container lifecycle, N=$N ($(date -u +%FT%TZ))"
say ""
say "kolla-ansible $(ver kolla-ansible), ansible-core $(ver ansible-core), python $("$KOLLA_VENV/bin/python" -V | cut -d' ' -f2), docker engine $(docker version --format '{{.Server.Version}}'), $(nproc) CPUs, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
say "ours: $(basename "$TARBALL") ($(stat -c %s "$BIN") byte node binary, sha256 $(sha256sum "$BIN" | cut -c1-12)), installed with the Kolla venv's ansible-galaxy into $COLL"
say ""

# ------------------------------------------------------------------ verification helpers
# Tasks that ran items, as "task|items run|changed|failed" lines (the harness's callback JSON lines).
task_lines() { jq -r 'select(.items > .skipped) | "\(.task)|\(.items - .skipped)|\(.changed)|\(.failed)"' "$1"; }
expect_tasks() {  # label phase stats-file ansible-log expected-lines...
    local label=$1 p=$2 st=$3 alog=$4; shift 4
    local got want
    got="$(task_lines "$st")"
    want="$(printf '%s\n' "$@")"
    if [ "$got" != "$want" ]; then
        printf '\nMODULE MISMATCH (%s, phase %s): task|items|changed|failed\n--- expected\n%s\n--- got\n%s\n--- callback lines\n' \
            "$label" "$p" "$want" "$got" >&2
        cat "$st" >&2
        die "$label $p: unexpected changed counts (ansible log: $alog)"
    fi
    say "| $label | $p | $(printf '%s' "$got" | tr '\n' ';' | sed 's/|/ /g; s/;/; /g') | ok |"
}
snapshot() {  # label -> "name id startedAt" lines, sorted
    local ids
    ids="$(docker ps -aq --filter "label=$1")"
    [ -z "$ids" ] && return 0
    docker inspect --format '{{.Name}} {{.Id}} {{.State.StartedAt}} {{.State.Status}}' $ids | sort
}
expect_state() {  # label phase before after  (check: nothing restarted; change: exactly one recreated)
    local label=$1 p=$2 before=$3 after=$4 n_diff
    case $p in
        check)
            [ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after") >&2 || true; die "$label check: a container was restarted or recreated"; } ;;
        change)
            n_diff=$(diff <(echo "$before") <(echo "$after") | grep -c '^>' || true)
            [ "$n_diff" -eq 1 ] || { diff <(echo "$before") <(echo "$after") >&2 || true; die "$label change: $n_diff containers restarted/recreated, expected exactly 1"; }
            [ "$(diff <(echo "$before" | cut -d' ' -f1,2) <(echo "$after" | cut -d' ' -f1,2) | grep -c '^>' || true)" -eq 1 ] \
                || die "$label change: the changed container was not recreated (same id)" ;;
        deploy)
            [ "$(echo "$after" | grep -c ' running$')" -eq "$N" ] || { echo "$after" >&2; die "$label deploy: not $N running containers"; } ;;
        teardown)
            [ -z "$after" ] || { echo "$after" >&2; die "$label teardown: containers left"; } ;;
    esac
}

# ------------------------------------------------------------------ 2. Kolla (Python), pipelined: the harness's own run
if [ "${OCB_SKIP_PYTHON:-0}" != 1 ]; then
    log "Kolla kolla_container, pipelining on: $PEER $N $RUNS (verify + timing pass, ~12 min)"
    PEER_LABEL=python ANSIBLE_PIPELINING=True "$PEER" "$N" "$RUNS" >"$OCB_DIR/kolla_peer-python.log" 2>&1 \
        || { tail -30 "$OCB_DIR/kolla_peer-python.log" >&2; die "harness run failed (log $OCB_DIR/kolla_peer-python.log)"; }
    for p in deploy check change teardown ping; do
        [ "$(stat -c %Y "$KD/hf-$p-$N.json")" -ge "$RUN_START" ] || die "$KD/hf-$p-$N.json is not from this run"
    done
    cp "$KD/results-python-$N.md" "$OCB_DIR/"
    # The harness's verify pass for Kolla (its stats files): report, do not fail (not our module).
    for p in deploy check change teardown; do
        log "Kolla verify $p: $(task_lines "$KD/stats-verify-$p.jsonl" | tr '\n' ';')"
    done
else
    log "OCB_SKIP_PYTHON=1: reusing $KD/hf-*-$N.json and $OCB_DIR/hf-python-nopipe-*"
fi

# ------------------------------------------------------------------ 3. ours, loop: verify pass
say "### verify pass, ours (one run per phase; task items changed failed)"
say ""
say "| run | phase | tasks that ran items | |"
say "|---|---|---|---|"
"$PEER" "$N" _reset
echo 0 > "$KD/token"
loop_verify() {  # phase expected...
    local p=$1 st="$OCB_DIR/stats-swift-$1.jsonl" before after tok; shift
    : > "$st"
    [ "$p" = change ] && date +%s%N > "$KD/token"
    tok="$(cat "$KD/token")"
    before="$(snapshot peer_bench=1)"
    ( ansible_env
      export ANSIBLE_LIBRARY="$LIB" ANSIBLE_MODULE_UTILS="$KOLLA_VENV/share/kolla-ansible/ansible/module_utils"
      PEER_STATS_FILE="$st" "${PLAY[@]}" "$PEER_BENCH/kolla/kolla_peer.yml" -e "@$SVC" -e phase="$p" -e token="$tok" \
          >"$OCB_DIR/ansible-swift-verify-$p.log" 2>&1 ) \
        || { tail -40 "$OCB_DIR/ansible-swift-verify-$p.log" >&2; die "swift $p: ansible-playbook failed (module bug?)"; }
    expect_tasks swift "$p" "$st" "$OCB_DIR/ansible-swift-verify-$p.log" "$@"
    after="$(snapshot peer_bench=1)"
    expect_state swift "$p" "$before" "$after"
}
loop_verify deploy   "Check containers|$N|$N|0" "Restart changed containers|$N|$N|0"
loop_verify check    "Check containers|$N|0|0"
loop_verify change   "Check containers|$N|1|0" "Restart changed containers|1|1|0"
loop_verify check    "Check containers|$N|0|0"
loop_verify teardown "Stop and remove containers|$N|$N|0" "Remove named volume|1|1|0"
docker volume inspect peer_kolla_logs >/dev/null 2>&1 && die "swift teardown: volume peer_kolla_logs left"

# ------------------------------------------------------------------ 4. ours, bulk: verify pass
bulk_reset
echo 0 > "$BULK_TOKEN"
bulk_verify() {  # phase changed-services expected-task-lines...
    local p=$1 want_changed=$2 st="$OCB_DIR/stats-bulk-$1.jsonl" res="$OCB_DIR/bulk-result-$1.json" before after; shift 2
    : > "$st"; rm -f "$res"
    before="$(snapshot ocb_bench=1)"
    bulk_phase "$p" "$st" "$res" || { tail -40 "$OCB_DIR/ansible-bulk-$p.log" >&2; die "swift-bulk $p: ansible-playbook failed (module bug?)"; }
    after="$(snapshot ocb_bench=1)"
    if [ "$p" = teardown ]; then
        expect_tasks swift-bulk "$p" "$st" "$OCB_DIR/ansible-bulk-$p.log" "$@"
        expect_state swift-bulk "$p" "$before" "$after"
        return 0
    fi
    # The per-service results are in the registered result's `services` list.
    local n_res n_changed n_failed top
    n_res=$(jq '.services | length' "$res"); n_changed=$(jq '[.services[] | select(.changed)] | length' "$res")
    n_failed=$(jq '[.services[] | select(.failed)] | length' "$res"); top=$(jq -c '[.changed, (.failed // false)]' "$res")
    if [ "$n_res" -ne "$N" ] || [ "$n_changed" -ne "$want_changed" ] || [ "$n_failed" -ne 0 ] \
        || [ "$top" != "[$([ "$want_changed" -gt 0 ] && echo true || echo false),false]" ]; then
        jq -c '.services[] | {service, name, changed, failed, msg, actions, comparison_failures}' "$res" >&2
        die "swift-bulk $p: task [changed,failed]=$top, $n_res results, $n_changed changed, $n_failed failed (expected $N, $want_changed, 0)"
    fi
    expect_state swift-bulk "$p" "$before" "$after"
    say "| swift-bulk | $p | Reconcile containers: changed=$(jq .changed "$res"), $n_res results, $n_changed changed, $n_failed failed | ok |"
    if [ "$p" = change ]; then
        jq -e --arg f "ocb_$(jq -r '.ocb_first' "$BULK_SVC" | tr - _)" \
            '[.services[] | select(.changed)] | length == 1 and .[0].name == $f
             and (.[0].actions | index("Created container " + $f) != null)
             and (.[0].comparison_failures | map(.name) | index("environment") != null)' "$res" >/dev/null \
            || { jq -c '.services[] | select(.changed)' "$res" >&2; die "swift-bulk change: the changed service was not the first one recreated for its environment"; }
    fi
}
bulk_verify deploy   "$N"
bulk_verify check    0
bulk_verify change   1
bulk_verify check    0
bulk_verify teardown 0    "Stop and remove containers|$N|$N|0" "Remove named volume|1|1|0"
docker volume inspect ocb_kolla_logs >/dev/null 2>&1 && die "swift-bulk teardown: volume ocb_kolla_logs left"
say ""

# ------------------------------------------------------------------ 5. timing passes (hyperfine)
hf() {  # label phase runs hyperfine-args...
    local label=$1 p=$2 r=$3; shift 3
    local f="$OCB_DIR/hf-$label-$p-$N.json"
    log "timing $label $p ($r runs)"
    hyperfine -N --style none --runs "$r" --export-json "$f" "$@" >"$OCB_DIR/hf.log" 2>&1 \
        || { cat "$OCB_DIR/hf.log" >&2; die "$label $p: a timed run failed (see $OCB_DIR/ansible-*.log, $KD/ansible-*.log)"; }
}
units_ok() { compgen -G "$KD/units/*.service" >/dev/null; }
predeploy() { if units_ok; then echo "$PEER $N _fastdeploy"; else echo "$PEER $N _phase deploy"; fi; }

# ours (loop): the harness's _phase with PEER_LIBRARY
export PEER_LIBRARY="$LIB" PEER_LABEL=swift
hf swift deploy   "$OURS_RUNS" --prepare "$PEER $N _reset" "$PEER $N _phase deploy"
hf swift check    "$OURS_RUNS" --warmup 1 "$PEER $N _phase check"
if [ -f "$KD/AnsiballZ_compare_container.py" ] && [ -f "$KD/compare_container.args.json" ]; then
    # the bare module, no controller: Kolla's AnsiballZ payload and ours on the same args (one hyperfine call)
    log "timing module_compare (Kolla AnsiballZ vs ours, 10 runs each)"
    hyperfine -N --style none --warmup 2 --runs 10 --export-json "$OCB_DIR/hf-module_compare-$N.json" \
        "$KOLLA_VENV/bin/python $KD/AnsiballZ_compare_container.py" "$LIB/kolla_container $KD/compare_container.args.json" \
        >"$OCB_DIR/hf.log" 2>&1 || { cat "$OCB_DIR/hf.log" >&2; die "module_compare failed"; }
    "$LIB/kolla_container" "$KD/compare_container.args.json" | jq -c '{changed, result, failures: .comparison_failures}' > "$OCB_DIR/module_compare-ours.json"
fi
hf swift change   "$OURS_RUNS" "$PEER $N _phase change"
hf swift teardown "$OURS_RUNS" --prepare "$(predeploy)" "$PEER $N _phase teardown"
unset PEER_LIBRARY PEER_LABEL

# ours (bulk)
hf swift-bulk deploy   "$OURS_RUNS" --prepare "$SELF $N _bulk_reset" "$SELF $N _bulk deploy"
hf swift-bulk check    "$OURS_RUNS" --warmup 1 "$SELF $N _bulk check"
hf swift-bulk change   "$OURS_RUNS" "$SELF $N _bulk change"
hf swift-bulk teardown "$OURS_RUNS" --prepare "$SELF $N _bulk_predeploy" "$SELF $N _bulk teardown"
bulk_reset

# Ansible's floor next to ours: the same 30-item loop running ping, pipelined and not
hf ping        ping "$OURS_RUNS" --warmup 1 "$PEER $N _ping"
ANSIBLE_PIPELINING=False hf ping-nopipe ping "$OURS_RUNS" --warmup 1 "$PEER $N _ping"

# Kolla without pipelining (like-for-like with a binary module)
if [ "${OCB_SKIP_PYTHON:-0}" != 1 ]; then
    export ANSIBLE_PIPELINING=False
    "$PEER" "$N" _reset
    hf python-nopipe deploy   "$PY_NOPIPE_RUNS" --prepare "$PEER $N _reset" "$PEER $N _phase deploy"
    hf python-nopipe check    "$PY_NOPIPE_RUNS" --warmup 1 "$PEER $N _phase check"
    hf python-nopipe change   "$PY_NOPIPE_RUNS" "$PEER $N _phase change"
    hf python-nopipe teardown "$PY_NOPIPE_RUNS" --prepare "$(predeploy)" "$PEER $N _phase teardown"
    unset ANSIBLE_PIPELINING
fi
"$PEER" "$N" _reset
[ "$PAIRED_ROUNDS" -gt 0 ] && paired "$PAIRED_ROUNDS"

# ------------------------------------------------------------------ 6. the table
say "### timing (hyperfine medians; wall seconds)"
say ""
"$KOLLA_VENV/bin/python" "$HERE/kolla/table.py" "$N" "$OCB_DIR" "$KD" \
    "python=$RUNS" "python-nopipe=$PY_NOPIPE_RUNS" "ours=$OURS_RUNS" | tee -a "$OUT"
say ""
say "load average at the end $(cut -d' ' -f1-3 /proc/loadavg); logs and hyperfine JSON in $OCB_DIR and $KD; this table: $OUT"
log "done in $(( $(date +%s) - RUN_START )) s"
