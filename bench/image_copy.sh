#!/usr/bin/env bash
# container_image_prepare's image copy beside tripleo-common 18.0.0, `skopeo sync` and the curl
# upload floor: the same N-image set (shared layers, Kolla labels), in the same run, as ratios.
#
#   bench/image_copy.sh [N] [RUNS]        (default 30 images, 3 timed runs per command)
#
# It drives the shared peer harness (PEER_BENCH, default /work/shared/peer-bench; see its README):
#   1. `setup.sh N`: two docker-registry instances (127.0.0.1:5001 source, :8787 destination),
#      the venv with tripleo-common 18.0.0, the N images (4 layers each, 3 of them shared);
#   2. a verify pass of ours: full copy into an empty destination, then the no-op rerun; the run's
#      JSON result is checked (N images copied, then N present and changed false);
#   3. the request anatomy of ours (a counting proxy in front of both registries, Tests/registry);
#   4. `EXTRA_COPY=<ours> EXTRA_LABEL=swift tripleo_peer.sh N RUNS`: hyperfine of tripleo-common,
#      skopeo sync, 30 x skopeo copy, ours, and the floors, full copy and no-op, in one run;
#   5. a paired no-op run (PAIRED_RUNS, default 10): ours and `skopeo sync` back to back in one hyperfine;
#   6. the ratio table from the hyperfine JSON files, printed and written to
#      $OC_BENCH_DIR/image-copy-N.md (OC_BENCH_DIR default /tmp/oc-bench-copy).
# Our command is the CLI face with the same ContainerImagePrepare entry tripleo-common gets
# (tag_from_label: rdo_version, no tag in `set`, anchored includes, push_destination :8787).
# Binary: OC_DEPLOY_BINARY, else .build-release/release/overcloud-deploy (scripts/build-collection.sh).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-30}
RUNS=${2:-3}
PAIRED_RUNS=${PAIRED_RUNS:-10}
PEER_BENCH=${PEER_BENCH:-/work/shared/peer-bench}
PEER_DIR=${PEER_DIR:-/tmp/peerbench}
OC_VENV=${OC_VENV:-/tmp/oc-venv}
OC_BENCH_DIR=${OC_BENCH_DIR:-/tmp/oc-bench-copy}
binary=${OC_DEPLOY_BINARY:-$root/.build-release/release/overcloud-deploy}
log() { printf 'image_copy: %s\n' "$*" >&2; }

[[ -x $PEER_BENCH/tripleo_peer.sh ]] || { log "no peer harness at $PEER_BENCH (set PEER_BENCH)"; exit 1; }
[[ -x $binary ]] || { log "no $binary: run scripts/build-collection.sh (or set OC_DEPLOY_BINARY)"; exit 1; }
"$binary" container_image_prepare --spec | grep -q no_verify_registries ||
    { log "$binary has no image copier"; exit 1; }
binary=$(readlink -f "$binary")
mkdir -p "$OC_BENCH_DIR"

log "peer set-up: $PEER_BENCH/setup.sh $N"
PEER_DIR=$PEER_DIR "$PEER_BENCH/setup.sh" "$N" >&2
# shellcheck source=/dev/null
source "$PEER_BENCH/lib.sh"
names=$PEER_DIR/images-$N.txt
[[ -s $names ]] || image_names "$N" >"$names"
src=127.0.0.1:$SRC_PORT dst=127.0.0.1:$DST_PORT

# The ContainerImagePrepare entry tripleo_prepare.py builds, for src/dst given as $1/$2.
write_env() { # src dst file
    {
        echo "parameter_defaults:"
        echo "  ContainerImagePrepare:"
        echo "  - push_destination: '$2'"
        echo "    tag_from_label: rdo_version"
        echo "    set: {namespace: '$1/$NAMESPACE', name_prefix: '$PREFIX', name_suffix: '', neutron_driver: ovn, rhel_containers: false, ceph_images: false}"
        echo "    includes:"
        while read -r n; do echo "    - '/$PREFIX$n:'"; done <"$names"
    } >"$3"
}
env_file=$OC_BENCH_DIR/env-$N.yaml
write_env "$src" "$dst" "$env_file"
ours=("$binary" container_image_prepare prepare -e "$env_file" --output-env-file "$OC_BENCH_DIR/images-$N.yaml"
    --insecure-registry "$src" --insecure-registry "$dst")

# --- verify pass ------------------------------------------------------------------------
check_result() { # file expected-status expected-changed
    "$OC_VENV/bin/python" - "$1" "$2" "$3" "$N" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
status, changed, n = sys.argv[2], sys.argv[3] == "true", int(sys.argv[4])
got = [c["status"] for c in r.get("copies", [])]
ok = not r.get("failed") and r.get("changed") is changed and got.count(status) == n
print(f"{status}: {got.count(status)}/{n}, changed {r.get('changed')}, stats {r.get('copy_stats')}")
sys.exit(0 if ok else 1)
PY
}
"$PEER_BENCH/tripleo_peer.sh" "$N" _reset_dst
t0=$EPOCHREALTIME
"${ours[@]}" --json >"$OC_BENCH_DIR/verify-full.json" 2>"$OC_BENCH_DIR/verify-full.err" ||
    { tail -5 "$OC_BENCH_DIR/verify-full.err" >&2; log "our full copy failed"; exit 1; }
t1=$EPOCHREALTIME
verify_full=$(check_result "$OC_BENCH_DIR/verify-full.json" copied true) || { log "full copy: $verify_full"; exit 1; }
"${ours[@]}" --json >"$OC_BENCH_DIR/verify-noop.json" 2>"$OC_BENCH_DIR/verify-noop.err" ||
    { tail -5 "$OC_BENCH_DIR/verify-noop.err" >&2; log "our no-op copy failed"; exit 1; }
t2=$EPOCHREALTIME
verify_noop=$(check_result "$OC_BENCH_DIR/verify-noop.json" present false) || { log "no-op: $verify_noop"; exit 1; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
verify_full="$(secs "$t0" "$t1") s, $verify_full"
verify_noop="$(secs "$t1" "$t2") s, $verify_noop"
log "verify: full $verify_full"
log "verify: no-op $verify_noop"

# --- request anatomy (counting proxies, no faults) ---------------------------------------
anatomy=$OC_BENCH_DIR/anatomy-$N.md
"$PEER_BENCH/tripleo_peer.sh" "$N" _reset_dst
"$OC_VENV/bin/python" - "$root/Tests/registry" "$src" "$dst" "$OC_BENCH_DIR" "$names" "$PREFIX" "$NAMESPACE" "$binary" >"$anatomy" <<'PY'
import subprocess, sys
sys.path.insert(0, sys.argv[1])
from fault_proxy import FaultProxy
src, dst, work, names, prefix, ns, binary = sys.argv[2:9]
psrc, pdst = FaultProxy(src), FaultProxy(dst)
env = f"{work}/env-anatomy.yaml"
with open(env, "w") as f:
    f.write("parameter_defaults:\n  ContainerImagePrepare:\n")
    f.write(f"  - push_destination: '{pdst.netloc}'\n    tag_from_label: rdo_version\n")
    f.write(f"    set: {{namespace: '{psrc.netloc}/{ns}', name_prefix: '{prefix}', name_suffix: '', neutron_driver: ovn}}\n")
    f.write("    includes:\n" + "".join(f"    - '/{prefix}{n.strip()}:'\n" for n in open(names) if n.strip()))
print("| run | source registry | destination registry |\n|---|---|---|")
for label in ("full", "no-op"):
    psrc.reset_counts(); pdst.reset_counts()
    subprocess.run([binary, "container_image_prepare", "prepare", "-e", env, "--output-env-file", f"{work}/images-anatomy.yaml",
                    "--insecure-registry", psrc.netloc, "--insecure-registry", pdst.netloc], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    fmt = lambda p: ", ".join(f"{k} {v}" for k, v in p.snapshot().items())
    extra = f" (uploads of one digest: max {max(pdst.uploads.values(), default=0)}; mounts {sum(pdst.mounts.values())})"
    print(f"| ours {label} | {fmt(psrc)} | {fmt(pdst)}{extra if label == 'full' else ''} |")
PY
cat "$anatomy" >&2

# --- the timed side-by-side run ----------------------------------------------------------
log "timing: EXTRA_COPY=<ours> EXTRA_LABEL=swift tripleo_peer.sh $N $RUNS"
EXTRA_COPY="${ours[*]}" EXTRA_LABEL=swift PEER_DIR=$PEER_DIR "$PEER_BENCH/tripleo_peer.sh" "$N" "$RUNS" >&2

# --- paired no-op: the narrowest target, more runs, ours and skopeo sync back to back ------
log "paired no-op: ours and skopeo sync, $PAIRED_RUNS runs each"
"$PEER_BENCH/tripleo_peer.sh" "$N" _reset_dst
"${ours[@]}" 2>/dev/null
hyperfine -N --style none --warmup 2 --runs "$PAIRED_RUNS" --export-json "$OC_BENCH_DIR/hf-paired-noop-$N.json" \
    -n swift_noop "${ours[*]}" -n skopeo_sync_noop "$PEER_BENCH/tripleo_peer.sh $N _skopeo_sync" >/dev/null
"$PEER_BENCH/tripleo_peer.sh" "$N" _reset_dst

# --- ratios ------------------------------------------------------------------------------
out=$OC_BENCH_DIR/image-copy-$N.md
"$OC_VENV/bin/python" - "$PEER_DIR/tripleo" "$N" "$RUNS" "$verify_full" "$verify_noop" "$anatomy" \
    "$OC_BENCH_DIR/hf-paired-noop-$N.json" >"$out" <<'PY'
import json, os, sys
d, n, runs = sys.argv[1], sys.argv[2], sys.argv[3]
def hf(label):
    path = f"{d}/hf-{label}-{n}.json"
    if not os.path.exists(path):
        return None
    r = json.load(open(path))["results"][0]
    return {"median": r["median"], "min": r["min"], "cpu": r.get("user", 0) + r.get("system", 0)}
rows = {k: hf(k) for k in ("swift_full", "swift_noop", "tripleo_full", "tripleo_noop", "skopeo_sync_full",
                           "skopeo_sync_noop", "skopeo_loop_full", "skopeo_loop_noop", "floor_curl", "floor_get")}
load = open("/proc/loadavg").read().split()[:3]
print(f"Image copy, N={n} images, {runs} hyperfine runs per command (medians), load average {' '.join(load)} at the end.")
print(f"Verify pass of ours: full {sys.argv[4]}; no-op {sys.argv[5]}.\n")
print("| command | median s | min s | user+sys s (mean) |\n|---|---:|---:|---:|")
for k, v in rows.items():
    if v:
        print(f"| {k} | {v['median']:.3f} | {v['min']:.3f} | {v['cpu']:.2f} |")
def ratio(a, b):
    return f"{rows[a]['median'] / rows[b]['median']:.2f}" if rows.get(a) and rows.get(b) else "n/a"
print("\n| ours vs | full copy (ours / theirs) | no-op (ours / theirs) | target |\n|---|---:|---:|---|")
print(f"| curl upload floor | **{ratio('swift_full', 'floor_curl')}** | | full <= 1.20 |")
print(f"| skopeo sync | **{ratio('swift_full', 'skopeo_sync_full')}** | **{ratio('swift_noop', 'skopeo_sync_noop')}** | both < 1.00 |")
print(f"| tripleo-common 18.0.0 | {ratio('swift_full', 'tripleo_full')} | {ratio('swift_noop', 'tripleo_noop')} | |")
print(f"| {n} x skopeo copy | {ratio('swift_full', 'skopeo_loop_full')} | {ratio('swift_noop', 'skopeo_loop_noop')} | |")
paired = {r["command"]: r for r in json.load(open(sys.argv[7]))["results"]}
a, b = paired["swift_noop"], paired["skopeo_sync_noop"]
print(f"\nPaired no-op ({len(a['times'])} runs each, back to back): ours {a['median']:.3f} s, skopeo sync "
      f"{b['median']:.3f} s (its harness wrapper included): **{a['median'] / b['median']:.2f}**; "
      f"CPU {a['user'] + a['system']:.3f} s vs {b['user'] + b['system']:.3f} s.")
print("\nRequest anatomy of ours (counting proxy in front of each registry):\n")
print(open(sys.argv[6]).read())
PY
cat "$out"
log "table: $out; peer results: $PEER_DIR/tripleo/results-$N.md"
