#!/usr/bin/env bash
# The one Swift format (.swift-format at the top): `scripts/format.sh` formats Sources/ and Tests/ in place;
# `scripts/format.sh --check` formats a copy and fails, listing the files, when the tree differs from it.
set -euo pipefail
cd "$(dirname "$0")/.."
format() { swift format format --configuration .swift-format --in-place --recursive --parallel "$@"; }
if [ "${1:-}" != "--check" ]; then
    format Sources Tests
    exit 0
fi
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -r Sources Tests .swift-format "$copy"/
(cd "$copy" && format Sources Tests)
if ! diff -rq Sources "$copy/Sources" >/dev/null || ! diff -rq Tests "$copy/Tests" >/dev/null; then
    echo "format: these files differ from scripts/format.sh's output (run it):" >&2
    { diff -rq Sources "$copy/Sources"; diff -rq Tests "$copy/Tests"; } | sed -E 's/^Files ([^ ]+) and .*/  \1/' >&2
    exit 1
fi
echo "format: Sources/ and Tests/ are formatted (.swift-format)"
