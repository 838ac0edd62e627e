# shellcheck shell=bash
# Sourced by scripts/demo.sh and Tests/plugins/test_clean_output.py: how the demo installs the
# collection and runs its ansible commands, so the test sees exactly the output the operator reads.
# Needs OC_VENV (the ansible-core venv).

# demo_install_collection TARBALL DIR: installs the collection under DIR and points Ansible at it.
# ANSIBLE_COLLECTIONS_PATH is set before the install: ansible-galaxy warns about a -p directory that
# is not on the configured collections path.
demo_install_collection() {
    export ANSIBLE_COLLECTIONS_PATH=$2 ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
    "$OC_VENV/bin/ansible-galaxy" collection install "$1" -p "$2" --force >/dev/null
}

# demo_merge_play ROOT DIR [ansible-playbook options]: the merge modules' playbook (chapter 1) writing
# under DIR. The controller's own Python serves builtin modules on localhost (pyenv shims confuse discovery).
demo_merge_play() {
    "$OC_VENV/bin/ansible-playbook" -i localhost, "$1/playbooks/demo.yml" -e demo_dir="$2" \
        -e ansible_python_interpreter="$OC_VENV/bin/python" "${@:3}"
}
