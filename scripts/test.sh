#!/usr/bin/env bash
# Every test, in order; stops at the first failing stage and says which.
#   scripts/test.sh        (run by `make test` and .ci/run; expects scripts/setup.sh to have run)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export OC_VENV=${OC_VENV:-/tmp/oc-venv}

stage() { printf '\n=== %s\n' "$*" >&2; }
trap 'echo "test: FAILED in stage: ${current:-?}" >&2' ERR

current="swift unit tests"; stage "$current"
mkdir -p build
if ! swift test >build/swift-test.log 2>&1; then
    grep -E '✘|error:|failed' build/swift-test.log | head -n 150 >&2
    tail -n 5 build/swift-test.log >&2
    false
fi
grep -E '^(✔|✘) (Suite|Test run)|Executed [0-9]+ tests' build/swift-test.log | tail -n 30

current="release build + collection tarball"; stage "$current"
tarball=$(scripts/build-collection.sh)
echo "built $tarball" >&2

current="binary size, start time, glibc floor"; stage "$current"
scripts/check-binary.sh .build-release/release/overcloud-node

current="binary robustness + sidecar contract"; stage "$current"
OC_NODE_BINARY=.build-release/release/overcloud-node "$OC_VENV/bin/python" -m pytest -q -p no:cacheprovider Tests/binary

current="ansible-test sanity"; stage "$current"
scripts/sanity.sh "$tarball"

current="integration (real ansible-playbook)"; stage "$current"
scripts/integration.sh "$tarball"

current=""
echo "test: all stages passed" >&2
