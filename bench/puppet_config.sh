#!/usr/bin/env bash
# puppet_config: wall time to generate N config volumes (one real Puppet config container each) with
# process_count 1 against 4 (and any other widths given), on the local dockerd.
#   bench/puppet_config.sh [N=10] [RUNS=3] [WIDTHS="1 4"]
# Runs the node binary directly (no Ansible around it): OC_NODE_BINARY (default
# .build-release/release/overcloud-node). Each run starts from an empty config-data root, so every
# volume is generated (first run); then one rerun per width measures the unchanged case. Needs the
# config image (scripts/fixtures/puppet-image.sh). There is no Python peer to time beside it here:
# TripleO's container-puppet.py needs paunch/podman on a TripleO node.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N=${1:-10} RUNS=${2:-3} WIDTHS=${3:-"1 4"}
BIN=${OC_NODE_BINARY:-.build-release/release/overcloud-node}
[[ -x $BIN ]] || { echo "bench: no binary at $BIN (scripts/build-collection.sh builds it)" >&2; exit 1; }
image=$(scripts/fixtures/puppet-image.sh)
dir=$(mktemp -d /tmp/oc-pc-bench.XXXXXX)
trap 'docker ps -aq --filter name=^oc-pc-bench- | xargs -r docker rm -f >/dev/null; rm -rf "$dir"' EXIT

entries=$(for i in $(seq 1 "$N"); do
    printf '{"config_volume": "svc%02d", "puppet_tags": "ini_setting", "config_image": "%s", "step_config": %s}\n' "$i" "$image" \
        "\"file { '/etc/svc$i': ensure => directory }\\nini_setting { 'x': path => '/etc/svc$i/svc.conf', section => 'DEFAULT', setting => 'debug', value => 'true' }\""
done | paste -sd, -)
args() {  # $1 = width, $2 = prefix
    printf '{"_ansible_module_name": "puppet_config", "puppet_config": [%s], "config_vol_prefix": "%s", "script_dir": "%s/script", "container_name_prefix": "oc-pc-bench-", "process_count": %s}\n' \
        "$entries" "$2" "$dir" "$1"
}
run() {  # $1 = width, $2 = prefix; prints seconds
    args "$1" "$2" >"$dir/args.json"
    local start=$EPOCHREALTIME
    "$BIN" puppet_config "$dir/args.json" >"$dir/out.json" || { cat "$dir/out.json" >&2; exit 1; }
    echo "$EPOCHREALTIME - $start" | bc
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf 'puppet_config: %s volumes, %s runs per width, %s\n' "$N" "$RUNS" "$(nproc) CPUs"
printf '| process_count | first run median (s) | min (s) | rerun, unchanged (s) |\n|---|---|---|---|\n'
for width in $WIDTHS; do
    times=()
    for r in $(seq 1 "$RUNS"); do
        rm -rf "$dir/data"
        times+=("$(run "$width" "$dir/data")")
    done
    rerun=$(run "$width" "$dir/data")
    printf '| %s | %.1f | %.1f | %.1f |\n' "$width" "$(printf '%s\n' "${times[@]}" | median)" \
        "$(printf '%s\n' "${times[@]}" | sort -n | head -1)" "$rerun"
done
