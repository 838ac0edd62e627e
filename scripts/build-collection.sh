#!/usr/bin/env bash
# Build the overcloud.containers collection tarball.
#
#   scripts/build-collection.sh        -> prints the tarball path (dist/overcloud-containers-<version>.tar.gz)
#
# 1. builds the static multi-call binaries (release, static stdlib, stripped): overcloud-node (node-side
#    modules) and overcloud-deploy (deploy-host modules);
# 2. stages build/collection/: galaxy.yml + collection/* + each binary as
#    plugins/modules/<first name of its --list-modules>, every other module name a relative symlink to it;
# 3. ansible-galaxy collection build build/collection --output-path dist --force.
#
# Environment:
#   OC_VENV          venv with ansible-core (default /tmp/oc-venv; see scripts/setup.sh)
#   OC_NODE_BINARY   use this prebuilt node binary instead of running swift build
#   OC_DEPLOY_BINARY use this prebuilt deploy binary instead of running swift build
# All progress goes to stderr; stdout is only the tarball path.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OC_VENV=${OC_VENV:-/tmp/oc-venv}
galaxy=$OC_VENV/bin/ansible-galaxy
[[ -x $galaxy ]] || { echo "build-collection: $galaxy not found; run scripts/setup.sh first" >&2; exit 1; }
log() { printf 'build-collection: %s\n' "$*" >&2; }

cd "$root"

# --- 1. the binaries ---------------------------------------------------------------------
build_product() {  # $1 = product; prints the binary path
    log "swift build $1 (release, static stdlib, stripped)"
    swift build -c release --product "$1" -Xswiftc -static-stdlib -Xlinker -s --scratch-path .build-release >&2
    echo ".build-release/release/$1"
}
node=${OC_NODE_BINARY:-}
[[ -n $node ]] && log "using prebuilt $node" || node=$(build_product overcloud-node)
deploy=${OC_DEPLOY_BINARY:-}
[[ -n $deploy ]] && log "using prebuilt $deploy" || deploy=$(build_product overcloud-deploy)

# The module names a binary serves (its --list-modules), checked.
list_modules() {  # $1 = binary
    [[ -x $1 ]] || { log "no executable binary at $1"; return 1; }
    local names name
    mapfile -t names < <("$1" --list-modules)
    ((${#names[@]})) || { log "$1 --list-modules printed no module"; return 1; }
    for name in "${names[@]}"; do
        [[ $name =~ ^[a-z][a-z0-9_]*$ ]] || { log "bad module name from $1 --list-modules: '$name'"; return 1; }
    done
    printf '%s\n' "${names[@]}"
}
node_modules=$(list_modules "$node") || exit 1
deploy_modules=$(list_modules "$deploy") || exit 1
mapfile -t modules < <(printf '%s\n%s\n' "$node_modules" "$deploy_modules")
dup=$(printf '%s\n' "${modules[@]}" | sort | uniq -d)
[[ -z $dup ]] || { log "modules served by both binaries: $dup"; exit 1; }
log "node modules: $(echo $node_modules)"
log "deploy modules: $(echo $deploy_modules)"

# --- 2. staging -------------------------------------------------------------------------
stage=build/collection
rm -rf "$stage"
mkdir -p "$stage"
cp galaxy.yml "$stage/"
cp -a collection/. "$stage/"
# The Kolla-style site playbook and its all-in-one inventory (ansible-playbook overcloud.containers.site).
mkdir -p "$stage/playbooks"
cp -a playbooks/site.yml playbooks/inventory "$stage/playbooks/"
find "$stage" \( -name __pycache__ -o -name '*.pyc' -o -name output \) -prune -exec rm -rf {} +

moddir=$stage/plugins/modules
mkdir -p "$moddir"
install_binary() {  # $1 = binary, $2 = its module names (one per line): the first is the real file
    local names
    mapfile -t names <<<"$2"
    install -m 0755 "$1" "$moddir/${names[0]}"
    for name in "${names[@]:1}"; do
        ln -s "${names[0]}" "$moddir/$name"
    done
}
install_binary "$node" "$node_modules"
install_binary "$deploy" "$deploy_modules"

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
