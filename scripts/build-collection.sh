#!/usr/bin/env bash
# Build the overcloud.containers collection tarball.
#
#   scripts/build-collection.sh        -> prints the tarball path (dist/overcloud-containers-<version>.tar.gz)
#
# 1. builds the static multi-call node binary (release, static stdlib, stripped);
# 2. stages build/collection/: galaxy.yml + collection/* + the binary as
#    plugins/modules/<first name of --list-modules>, every other module name a relative symlink to it;
# 3. ansible-galaxy collection build build/collection --output-path dist --force.
#
# Environment:
#   OC_VENV          venv with ansible-core (default /tmp/oc-venv; see scripts/setup.sh)
#   OC_NODE_BINARY   use this prebuilt node binary instead of running swift build
# All progress goes to stderr; stdout is only the tarball path.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OC_VENV=${OC_VENV:-/tmp/oc-venv}
galaxy=$OC_VENV/bin/ansible-galaxy
[[ -x $galaxy ]] || { echo "build-collection: $galaxy not found; run scripts/setup.sh first" >&2; exit 1; }
log() { printf 'build-collection: %s\n' "$*" >&2; }

cd "$root"

# --- 1. the node binary ------------------------------------------------------------------
if [[ -n ${OC_NODE_BINARY:-} ]]; then
    node=$OC_NODE_BINARY
    log "using prebuilt $node"
else
    log "swift build (release, static stdlib, stripped)"
    swift build -c release --product overcloud-node -Xswiftc -static-stdlib -Xlinker -s \
        --scratch-path .build-release >&2
    node=.build-release/release/overcloud-node
fi
[[ -x $node ]] || { log "no executable node binary at $node"; exit 1; }

mapfile -t modules < <("$node" --list-modules)
((${#modules[@]})) || { log "$node --list-modules printed no module"; exit 1; }
for name in "${modules[@]}"; do
    [[ $name =~ ^[a-z][a-z0-9_]*$ ]] || { log "bad module name from --list-modules: '$name'"; exit 1; }
done
log "modules: ${modules[*]}"

# --- 2. staging -------------------------------------------------------------------------
stage=build/collection
rm -rf "$stage"
mkdir -p "$stage"
cp galaxy.yml "$stage/"
cp -a collection/. "$stage/"
find "$stage" \( -name __pycache__ -o -name '*.pyc' -o -name output \) -prune -exec rm -rf {} +

moddir=$stage/plugins/modules
mkdir -p "$moddir"
first=${modules[0]}
install -m 0755 "$node" "$moddir/$first"
for name in "${modules[@]:1}"; do
    ln -s "$first" "$moddir/$name"
done

# Every module is documented, and every sidecar belongs to a module.
status=0
for name in "${modules[@]}"; do
    [[ -f $moddir/$name.yml ]] || { log "missing doc sidecar collection/plugins/modules/$name.yml"; status=1; }
done
for doc in "$moddir"/*.yml; do
    name=$(basename "$doc" .yml)
    [[ -e $moddir/$name ]] || { log "sidecar $doc has no module named $name"; status=1; }
done
((status == 0)) || exit 1

# --- 3. the tarball ----------------------------------------------------------------------
mkdir -p dist
out=$("$galaxy" collection build "$stage" --output-path dist --force)
printf '%s\n' "$out" >&2
tarball=$(sed -n 's/^Created collection for .* at \(.*\.tar\.gz\)$/\1/p' <<<"$out")
[[ -f $tarball ]] || { log "could not find the tarball in ansible-galaxy's output"; exit 1; }
log "$(du -h "$tarball" | cut -f1) $tarball"
echo "$tarball"
