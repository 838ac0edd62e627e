#!/usr/bin/env bash
# The demo: installs the built collection and runs playbooks/demo.yml three times:
# --check --diff (preview), a real run with --diff, and a second run that changes nothing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OC_VENV=${OC_VENV:-/tmp/oc-venv}
version=$(awk '/^version:/ {print $2}' "$root/galaxy.yml")
tarball=$root/dist/overcloud-containers-$version.tar.gz
[[ -f $tarball ]] || tarball=$("$root/scripts/build-collection.sh")
colls=$root/build/demo-collections
demo_dir=${OC_DEMO_DIR:-/tmp/overcloud-demo}
rm -rf "$demo_dir"
"$OC_VENV/bin/ansible-galaxy" collection install "$tarball" -p "$colls" --force >/dev/null
export ANSIBLE_COLLECTIONS_PATH=$colls ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
# The controller's own Python serves builtin modules on localhost (pyenv shims confuse discovery).
play() { "$OC_VENV/bin/ansible-playbook" -i localhost, "$root/playbooks/demo.yml" -e demo_dir="$demo_dir" \
    -e ansible_python_interpreter="$OC_VENV/bin/python" "$@"; }
echo "### 1. preview: --check --diff (nothing is written)"
play --check --diff
echo "### 2. apply"
play --diff
echo "### 3. apply again: every task ok, nothing changed"
second=$(play)
echo "$second"
if grep -q 'changed=0 .*failed=0' <<<"$second"; then
    echo "### idempotent: the second run changed nothing"
else
    echo "### NOT idempotent: the second run changed something" >&2
    exit 1
fi
echo "### the module by hand:"
"$colls/ansible_collections/overcloud/containers/plugins/modules/merge_configs" --help | head -n 12
