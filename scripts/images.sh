#!/usr/bin/env bash
# The repository's image set (images/, Kolla's docker/ layout) built with the image builder
# (scripts/overcloud-build = image_templates.py + the deploy binary's image_build), for both tags:
# zed-1 and zed-2 (the same tree rendered with build.yml's tags.zed-2 variables). Cached by content hash:
# an unchanged tree costs seconds; images equal under both tags are built once and tagged.
#
#   scripts/images.sh [overcloud-build options / REGEX...]     e.g. scripts/images.sh -p demo
#
# First builds the static kolla_set_configs (swift build -c release -static-executable, scratch .build-images;
# a no-op when up to date) into an overlay tree passed as --docker-dir, so it lands in base/'s build context.
# Environment: OC_KOLLA_SET_CONFIGS (a prebuilt static binary instead), OC_IMAGE_TAGS (default "zed-1 zed-2"),
# OC_BUILD_THREADS (default 2), OC_DEPLOY_BINARY (see overcloud-build).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
log() { printf 'images: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

docker image inspect overcloud-test/debian:bookworm >/dev/null 2>&1 || scripts/fixtures/debian-image.sh >/dev/null

overlay=$(mktemp -d /tmp/oc-images-overlay.XXXXXX)
trap 'rm -rf "$overlay"' EXIT
# shellcheck source=scripts/fixtures/lib.sh
. scripts/fixtures/lib.sh
tool=$(static_kolla_set_configs "$overlay") || die "swift build failed"
[[ -x $tool ]] || die "$tool is missing"
mkdir -p "$overlay/tree/base"
install -m 0755 "$tool" "$overlay/tree/base/kolla_set_configs"

status=0
for tag in ${OC_IMAGE_TAGS:-zed-1 zed-2}; do
    log "building tag $tag"
    scripts/overcloud-build --tree images --docker-dir "$overlay/tree" --tag "$tag" --threads "${OC_BUILD_THREADS:-2}" "$@" || status=1
done
exit $status
