#!/usr/bin/env bash
# The image builder beside the serial floor, in one run, on the repository's real image tree (images/, tag zed-1):
#   1. builder cold:   scripts/overcloud-build --nocache (parents first, --threads at once), namespace oc-i12b-bench
#   2. serial floor:   the same rendered Dockerfiles built one by one with `docker build --no-cache --network host`
#                      (classic builder, DOCKER_BUILDKIT=0: the engine path image_build uses), namespace oc-i12b-bench-serial
#   3. builder no-op:  the builder again on the unchanged tree (every image's content-hash label matches)
# and prints the ratios (targets: cold <= 0.75 x serial floor; no-op <= 3 s).
#
#   bench/image_build.sh [THREADS] [REGEX...]      (default 4 threads, every image; e.g. `2 memcached` for a subset)
#
# Needs the deploy binary (OC_DEPLOY_BINARY or a built one, see scripts/overcloud-build) and dockerd; the images it
# makes are removed at the end (KEEP=1 keeps them). Results: $OC_BENCH_DIR/image_build/ (table.md, logs).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
threads=${1:-4}
(($#)) && shift
out=${OC_BENCH_DIR:-/tmp/oc-bench}/image_build
mkdir -p "$out"
log() { printf 'bench-build: %s\n' "$*" >&2; }
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }

docker image inspect overcloud-test/debian:bookworm >/dev/null 2>&1 || scripts/fixtures/debian-image.sh >/dev/null
remove_images() {
    local images
    images=$(docker images --format '{{.Repository}}:{{.Tag}}' | grep -E '^oc-i12b-bench(-serial)?/' || true)
    [[ -z $images ]] || docker rmi -f $images >/dev/null
}
remove_images  # a cold start, also after an interrupted run
overlay=$(mktemp -d /tmp/oc-i12b-bench.XXXXXX)
trap 'rm -rf "$overlay"; [[ ${KEEP:-0} == 1 ]] || remove_images' EXIT
mkdir -p "$overlay/tree/base"
swift build -c release --product kolla_set_configs -Xswiftc -static-executable -Xlinker -s --scratch-path .build-images \
    >"$out/swift-build.log" 2>&1 || { tail -n 20 "$out/swift-build.log" >&2; exit 1; }
install -m 0755 .build-images/release/kolla_set_configs "$overlay/tree/base/kolla_set_configs"
build=(scripts/overcloud-build --tree images --docker-dir "$overlay/tree" --tag zed-1 --threads "$threads")

log "1/3 builder, cold (--nocache, $threads threads)"
t0=$(now)
"${build[@]}" --namespace oc-i12b-bench --nocache --summary-json "$out/cold.json" "$@" 2>"$out/cold.log"
t1=$(now)
cold=$(elapsed "$t0" "$t1")

log "2/3 serial floor (docker build --no-cache, one by one)"
"${build[@]}" --namespace oc-i12b-bench-serial --template-only --work-dir "$overlay/serial" "$@" >/dev/null 2>"$out/render.log"
mapfile -t order < <(python3 -c '
import json, sys
plan = json.load(open(sys.argv[1]))
for image in plan["images"]:
    if image["status"] == "matched":
        print(image["canonical"] + " " + image["context"])' "$overlay/serial/plan.json")
: >"$out/serial.log"
t0=$(now)
for line in "${order[@]}"; do
    read -r name context <<<"$line"
    DOCKER_BUILDKIT=0 docker build --no-cache --network host -q -t "$name" "$context" >>"$out/serial.log" 2>&1
done
t1=$(now)
serial=$(elapsed "$t0" "$t1")

log "3/3 builder, no-op"
t0=$(now)
"${build[@]}" --namespace oc-i12b-bench --summary-json "$out/noop.json" "$@" 2>"$out/noop.log"
t1=$(now)
noop=$(elapsed "$t0" "$t1")

python3 - "$cold" "$serial" "$noop" "$threads" "${#order[@]}" "$out" <<'PY' | tee "$out/table.md"
import json, sys
cold, serial, noop, threads, count, out = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
statuses = lambda f: sorted({i["status"] for i in json.load(open(f))["images"]})
print("| run (%s images, threads %s) | wall s | ratio to the serial floor | statuses |" % (count, threads))
print("|---|---|---|---|")
print("| serial floor: `docker build --no-cache`, one by one | %.1f | 1.00 | |" % serial)
print("| image_build cold (`--nocache`) | %.1f | %.2f | %s |" % (cold, cold / serial, ", ".join(statuses(out + "/cold.json"))))
print("| image_build no-op (nothing changed) | %.1f | %.3f | %s |" % (noop, noop / serial, ", ".join(statuses(out + "/noop.json"))))
PY
