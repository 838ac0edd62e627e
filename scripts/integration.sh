#!/usr/bin/env bash
# Integration tests: real ansible-playbook against localhost with the built collection installed.
#
#   scripts/integration.sh [--jobs N] [TARBALL] [TARGET[/TOPIC] ...]
#   scripts/integration.sh [--jobs N] [--target TARGET[/TOPIC]] ... [TARBALL]
#
# TARBALL defaults to dist/overcloud-containers-<version>.tar.gz (built first if missing); pass ""
# to keep the default while naming targets. A target whose `aliases` file has the line
# `needs/docker` gets a running dockerd (scripts/start-dockerd.sh) and the fixture images
# (scripts/fixtures/busybox-image.sh, kolla-images.sh; built if missing) first; `needs/registries`
# gets scripts/registries.sh and scripts/fixtures/registry-images.sh (after dockerd); `needs/debian`
# gets overcloud-test/debian:bookworm (scripts/fixtures/debian-image.sh, built if missing). `needs/sshd`
# gets a throw-away sshd on 127.0.0.1 (scripts/start-sshd.sh, stopped at the end); its directory
# (/tmp/oc-sshd.*: inventory.ini, keys, cp/) is in the environment as OC_SSHD_DIR. Every topic
# (Tests/integration/targets/<target>/tasks/tests/<topic>.yml) runs in its own ansible-playbook,
# in its own scratch directory under a temp dir. Prints one PASS/FAIL line per topic, the log of each failure, and finally
# "N passed, M failed"; exits non-zero if any topic failed.
#
# --jobs N (default 1; scripts/test.sh uses 2) runs the targets in N lanes at once, each target whole in one
# lane (its topics share $work/out/<target>); a free lane takes the next target, longest first (target_seconds
# below). The PASS/FAIL lines come as topics finish, the failures' logs after the last lane.
#
# Environment: OC_VENV (default /tmp/oc-venv), KEEP=1 keeps the temp dir, VERBOSE=1 streams
# every playbook's output (the lanes' interleaved with --jobs > 1).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OC_VENV=${OC_VENV:-/tmp/oc-venv}
targets_dir=$root/Tests/integration/targets
log() { printf 'integration: %s\n' "$*" >&2; }
[[ -x $OC_VENV/bin/ansible-playbook ]] || { log "$OC_VENV/bin/ansible-playbook not found; run scripts/setup.sh first"; exit 1; }

# --target NAME options, then the positional TARBALL and TARGET[/TOPIC] arguments.
args=() opt_targets=() jobs=1
while (($#)); do
    case $1 in
        --jobs | -j) [[ $# -ge 2 ]] || { log "--jobs needs a value"; exit 2; }; jobs=$2; shift 2 ;;
        --jobs=*) jobs=${1#--jobs=}; shift ;;
        --target) [[ $# -ge 2 ]] || { log "--target needs a value"; exit 2; }; opt_targets+=("$2"); shift 2 ;;
        --target=*) opt_targets+=("${1#--target=}"); shift ;;
        -h | --help) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) args+=("$1"); shift ;;
    esac
done
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { log "--jobs must be a positive integer, not '$jobs'"; exit 2; }
set -- ${args[@]+"${args[@]}"} ${opt_targets[@]+"${opt_targets[@]}"}
if ((${#opt_targets[@]})) && ((${#args[@]} == 0)); then set -- "" "${opt_targets[@]}"; fi

tarball=${1:-}
[[ $# -gt 0 ]] && shift
if [[ -z $tarball ]]; then
    version=$(sed -n 's/^version: *//p' "$root/galaxy.yml")
    tarball=$root/dist/overcloud-containers-$version.tar.gz
    [[ -f $tarball ]] || tarball=$("$root/scripts/build-collection.sh") || exit 1
fi
[[ -f $tarball ]] || { log "no tarball at $tarball"; exit 1; }

work=$(mktemp -d /tmp/oc-integration.XXXXXX)
unset OC_SSHD_DIR  # only ever the sshd this run starts (cleanup stops and removes it)
lane_pids=()
cleanup() {
    # Lanes still running (interrupted): stop them and their playbooks before their files go.
    local pid
    for pid in ${lane_pids[@]+"${lane_pids[@]}"}; do
        kill -0 "$pid" 2>/dev/null || continue
        pkill -TERM -P "$pid" 2>/dev/null
        kill "$pid" 2>/dev/null
    done
    wait
    if [[ -n ${OC_SSHD_DIR:-} ]]; then "$root/scripts/start-sshd.sh" --stop "$OC_SSHD_DIR"; rm -rf "$OC_SSHD_DIR"; fi
    if [[ ${KEEP:-0} == 1 ]]; then log "keeping $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
mkdir -p "$work"/{collections,logs,out,local-tmp,remote-tmp}

export ANSIBLE_COLLECTIONS_PATH=$work/collections
"$OC_VENV/bin/ansible-galaxy" collection install "$tarball" -p "$work/collections" --force >/dev/null || exit 1

# Nothing outside $work: Ansible's own temp dirs, retry files, facts cache.
export ANSIBLE_ROLES_PATH=$targets_dir
export ANSIBLE_LOCAL_TEMP=$work/local-tmp
export ANSIBLE_REMOTE_TMP=$work/remote-tmp
export ANSIBLE_RETRY_FILES_ENABLED=false
export ANSIBLE_NOCOLOR=1
export ANSIBLE_FORCE_COLOR=0
export ANSIBLE_STDOUT_CALLBACK=default
export ANSIBLE_DEPRECATION_WARNINGS=true
export ANSIBLE_CONFIG=$work/ansible.cfg
: >"$ANSIBLE_CONFIG"

cat >"$work/inventory.ini" <<EOF
localhost ansible_connection=local ansible_python_interpreter=$OC_VENV/bin/python
EOF

# Selected topics as target/topic pairs.
selected=()
if (($#)); then
    for sel in "$@"; do
        target=${sel%%/*}
        [[ -d $targets_dir/$target/tasks/tests ]] || { log "no target $target"; exit 1; }
        if [[ $sel == */* ]]; then
            [[ -f $targets_dir/$target/tasks/tests/${sel#*/}.yml ]] || { log "no topic $sel"; exit 1; }
            selected+=("$sel")
        else
            for f in "$targets_dir/$target"/tasks/tests/*.yml; do selected+=("$target/$(basename "$f" .yml)"); done
        fi
    done
else
    for f in "$targets_dir"/*/tasks/tests/*.yml; do
        target=$(basename "$(dirname "$(dirname "$(dirname "$f")")")")
        selected+=("$target/$(basename "$f" .yml)")
    done
fi

# Targets that drive containers need dockerd and the locally built images (never pulled).
needs_docker=0
for sel in "${selected[@]}"; do
    grep -qx 'needs/docker' "$targets_dir/${sel%%/*}/aliases" 2>/dev/null && needs_docker=1
done
# (scripts/test.sh rebuilds stale images before; here missing ones are built, present ones kept.)
if ((needs_docker)); then
    "$root/scripts/start-dockerd.sh" || exit 1
    "$root/scripts/fixtures/busybox-image.sh" || exit 1
    if ! docker image inspect overcloud-test/kolla-base:1 overcloud-test/kolla-httpd:1 >/dev/null 2>&1; then
        "$root/scripts/fixtures/kolla-images.sh" >/dev/null || exit 1
    fi
fi
# Targets that build on the Debian fixture image (modify_image) get it (built when missing or stale).
for sel in "${selected[@]}"; do
    if grep -qx 'needs/debian' "$targets_dir/${sel%%/*}/aliases" 2>/dev/null; then
        "$root/scripts/fixtures/debian-image.sh" >/dev/null || exit 1
        break
    fi
done
# Targets that copy images get the local registries (127.0.0.1:5150-5154) and the fixture images.
for sel in "${selected[@]}"; do
    if grep -qx 'needs/registries' "$targets_dir/${sel%%/*}/aliases" 2>/dev/null; then
        "$root/scripts/registries.sh" start >/dev/null || exit 1
        "$root/scripts/fixtures/registry-images.sh" || exit 1
        break
    fi
done
# Targets that run Ansible over SSH get their own sshd (key auth, 127.0.0.1 only).
for sel in "${selected[@]}"; do
    if grep -qx 'needs/sshd' "$targets_dir/${sel%%/*}/aliases" 2>/dev/null; then
        # Outside $work (0700): the unprivileged test user logs in and writes there too.
        OC_SSHD_DIR=$(mktemp -d /tmp/oc-sshd.XXXXXX) && export OC_SSHD_DIR
        "$root/scripts/start-sshd.sh" "$OC_SSHD_DIR" >/dev/null || exit 1
        break
    fi
done

core=$("$OC_VENV/bin/python" -c 'from ansible.release import __version__ as v; print(v)')
log "ansible-core $core, $(basename "$tarball"), ${#selected[@]} topic(s), $jobs lane(s)"

# One topic: its PASS/FAIL line, and its result appended to $work/results (one short write: the lanes share it).
run_topic() {
    local sel=$1 target=${1%%/*} topic=${1#*/} playbook logfile start rc ms secs
    playbook=$work/$target.yml
    [[ -f $playbook ]] || cat >"$playbook" <<EOF
- name: Integration tests for $target
  hosts: localhost
  gather_facts: false
  roles:
    - role: $target
EOF
    logfile=$work/logs/$target-$topic.log
    start=${EPOCHREALTIME/./}
    if [[ ${VERBOSE:-0} == 1 ]]; then
        "$OC_VENV/bin/ansible-playbook" -i "$work/inventory.ini" "$playbook" \
            -e "test_topic=$topic" -e "oc_test_dir=$work/out/$target" 2>&1 | tee "$logfile"
        rc=${PIPESTATUS[0]}
    else
        "$OC_VENV/bin/ansible-playbook" -i "$work/inventory.ini" "$playbook" \
            -e "test_topic=$topic" -e "oc_test_dir=$work/out/$target" >"$logfile" 2>&1
        rc=$?
    fi
    ms=$(((${EPOCHREALTIME/./} - start) / 1000))
    secs=$((ms / 1000)).$(((ms % 1000) / 100))
    if ((rc == 0)); then
        printf 'PASS %s\n' "$sel" >>"$work/results"
        printf 'PASS %s (%ss)\n' "$sel" "$secs"
    else
        printf 'FAIL %s\n' "$sel" >>"$work/results"
        printf 'FAIL %s (%ss, rc=%d)\n' "$sel" "$secs" "$rc"
        ((jobs > 1)) || print_failure_log "$sel"
    fi
}
print_failure_log() {
    [[ ${VERBOSE:-0} == 1 ]] && return 0
    grep -v '^\s*$' "$work/logs/${1%%/*}-${1#*/}.log" | tail -40 | sed 's/^/    /'
}

# Lanes (--jobs N > 1). What the targets share, audited so that any two may run at once: each has names of
# its own. container_image_prepare: the registries 127.0.0.1:5150-5154 (started above, state in
# /tmp/oc-rt-registries). fast_path: the sshd and ~/.ansible/oc-it (no engine). image_build: oc-i12b-it/*
# images, registries 5420-5421, /tmp/oc-i12b-it-registry-*. kolla_docker: oc_it_* containers, volumes and
# images, a registry on a kernel-chosen port. modify_image: overcloud-test/mi-it-* images, oc-mi-it-*
# containers, registries 5201-5203, /tmp/oc-mi-it-registry-*. puppet_config: oc-pc-it-* containers,
# /tmp/oc-pc-it, the only build of overcloud-test/puppet-config:1. merge_configs, merge_yaml, service_config:
# files under $work. The fixture images are only read (modify_image tags busybox's under its own registry and
# untags it); no target restarts dockerd, prunes, or acts on an unfiltered listing. The waits with a time
# limit (a registry up: 10-15 s, httpd after a restart: 10 s, an async job: 30 s) take seconds with 2 lanes.
# Seconds per target in CI (fresh clone, beside the background stages), for the lanes' order: longest first,
# so that the last to start are short; a target not listed counts 10 s per topic.
declare -A target_seconds=([modify_image]=351 [kolla_docker]=281 [fast_path]=248 [puppet_config]=213
    [image_build]=90 [merge_configs]=59 [merge_yaml]=38 [service_config]=16 [container_image_prepare]=16)

: >"$work/results"
if ((jobs == 1)); then
    for sel in "${selected[@]}"; do run_topic "$sel"; done
else
    # A queue of the selected targets, longest first; each lane takes the next one when it is free (so the
    # lanes stay even when the times drift).
    declare -A cost=()
    for sel in "${selected[@]}"; do
        target=${sel%%/*}
        cost[$target]=${target_seconds[$target]:-$((${cost[$target]:-0} + 10))}
    done
    for target in "${!cost[@]}"; do echo "${cost[$target]} $target"; done | sort -k1,1nr -k2,2 | cut -d' ' -f2 >"$work/queue"
    # (a lock file of its own: sed -i replaces the queue file)
    next_target() { flock "$work/queue.lock" sh -c 'head -n 1 "$1" && sed -i 1d "$1"' _ "$work/queue"; }
    for ((i = 1; i <= jobs; i++)); do
        (
            while target=$(next_target) && [[ -n $target ]]; do
                log "lane $i: $target"
                for sel in "${selected[@]}"; do [[ ${sel%%/*} == "$target" ]] && run_topic "$sel"; done
            done
        ) &
        lane_pids+=($!)
    done
    wait "${lane_pids[@]}"
    lane_pids=()
fi

mapfile -t failures < <(sed -n 's/^FAIL //p' "$work/results")
passed=$(grep -c '^PASS ' "$work/results")
failed=${#failures[@]}
if ((jobs > 1)); then
    for sel in ${failures[@]+"${failures[@]}"}; do
        printf 'FAIL %s: the end of its log\n' "$sel"
        print_failure_log "$sel"
    done
fi
((failed)) && log "failed: ${failures[*]}"
echo "$passed passed, $failed failed"
((failed == 0))
