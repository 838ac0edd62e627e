#!/usr/bin/env bash
# Kolla-Ansible 23.0.0 itself, with its modules and with ours (the drop-in), local and over SSH.
#
#   Tests/kolla_dropin/run.sh TARBALL [pytest args...]      the test (scripts/test.sh's stage)
#   Tests/kolla_dropin/run.sh TARBALL --exec CMD [ARGS...]  CMD in the same set-up (bench/kolla_dropin.sh)
#
# Set-up, all of it this script's own:
# - the Kolla venv (scripts/kolla-venv.sh) and the collection TARBALL installed beside it;
# - a Docker engine of its own (scripts/start-dockerd.sh with its own socket, data root and bridge) in a network
#   and mount namespace of its own: Kolla-Ansible's container names (memcached, keystone_api, ...) and volumes
#   are fixed, its `destroy` removes every container labelled kolla_version on the engine, and its containers
#   use the host network, so their ports (5000, 8023, 3306, ...) are private to that namespace, where the test's
#   Ansible, its sshd and the containers meet on 127.0.0.1. In its mount namespace / is a shared mount (Kolla's
#   kolla_toolbox container binds /run with `:shared` propagation);
# - the images (images/, built by scripts/images.sh; `scripts/images.sh -p kolla` builds these) of the local
#   engine, copied in and tagged oc-kolla-dropin/NAME:zed-1 under Kolla's image names: memcached, kolla-toolbox,
#   keystone-api and keystone-fernet (both the keystone image), keystone-ssh, and mariadb-server (the external
#   database the keystone scenario starts itself);
# - a private mount namespace for the run, in the engine's network namespace: /var/run/docker.sock is that
#   engine, /etc/systemd/system a scratch folder (Kolla's unit files), /etc/kolla empty (Kolla's destroy
#   empties it), and no network interface of the host is visible (Kolla's destroy deletes every network
#   namespace and tap/brq/vxlan interface it sees); an sshd on 127.0.0.1 (scripts/start-sshd.sh) runs inside
#   it for the SSH scenario.
# Environment: OC_VENV (ansible-galaxy), OC_KOLLA_VENV, OC_KOLLA_BASE [/tmp/oc-kolla-dropin],
# OC_KOLLA_SOURCE_TAG [zed-1] (the tag of the overcloud/* images copied in), OC_KOLLA_SSHD_PORT [2230],
# OC_KOLLA_MEMCACHED_PORT [41211], OC_KOLLA_BRIDGE [ockdropin] (the engine's bridge, inside its namespace),
# OC_KOLLA_KEEP_DOCKERD=1 (leave the engine running for the next run), OC_KOLLA_SCENARIOS (see
# test_kolla_dropin.py).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
tarball=${1:?usage: run.sh TARBALL [pytest args | --exec CMD ARGS]}
shift
[[ -f $tarball ]] || { echo "run.sh: no tarball $tarball" >&2; exit 2; }
tarball=$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")
OC_VENV=${OC_VENV:-/tmp/oc-venv}
base=${OC_KOLLA_BASE:-/tmp/oc-kolla-dropin}
source_tag=${OC_KOLLA_SOURCE_TAG:-zed-1}
namespace=oc-kolla-dropin
log() { printf 'kolla_dropin: %s\n' "$*" >&2; }
mkdir -p "$base"

export OC_KOLLA_VENV
OC_KOLLA_VENV=$("$root/scripts/kolla-venv.sh")

export OC_KOLLA_COLLECTIONS=$base/collections
rm -rf "$OC_KOLLA_COLLECTIONS"
"$OC_VENV/bin/ansible-galaxy" collection install "$tarball" -p "$OC_KOLLA_COLLECTIONS" --force >/dev/null 2>&1

# --- the engine ----------------------------------------------------------------------------------
sock=$base/docker.sock
export OC_KOLLA_DOCKER_ROOT=$base/docker/data
bridge=${OC_KOLLA_BRIDGE:-ockdropin}
engine_pid() {  # the engine's pid when it runs in a network namespace other than ours
    local pid
    pid=$(cat "$base/docker.pid" 2>/dev/null || true)
    [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/comm && $(cat "/proc/$pid/comm") == dockerd ]] || return 1
    echo "$pid"
}
if pid=$(engine_pid) && [[ $(readlink "/proc/$pid/ns/net") == $(readlink /proc/self/ns/net) ]]; then
    log "the engine (pid $pid) runs in the host's network namespace (an older run.sh): restarting it"
    kill "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fi
if ! engine_pid >/dev/null; then
    rm -f "$sock"
    # An older run.sh made the bridge in the host's namespace.
    ip link del "$bridge" 2>/dev/null || true
    BRIDGE=$bridge SOCK=$sock BASE=$base ROOT=$root OC_KOLLA_DOCKER_ROOT=$OC_KOLLA_DOCKER_ROOT \
        unshare --net --mount --propagation unchanged bash -c '
            set -euo pipefail
            mount --make-rshared /
            ip link set lo up
            ip link add "$BRIDGE" type bridge && ip link set "$BRIDGE" up
            OC_DOCKERD_SOCK=$SOCK OC_DOCKERD_PIDFILE=$BASE/docker.pid OC_DOCKERD_LOG=$BASE/dockerd.log \
                OC_DOCKERD_ARGS="--data-root $OC_KOLLA_DOCKER_ROOT --exec-root $BASE/docker/exec --bridge $BRIDGE --iptables=false --ip-masq=false" \
                "$ROOT/scripts/start-dockerd.sh"'
fi
engine=$(engine_pid) || { log "the engine did not start (see $base/dockerd.log)"; exit 1; }
stop_engine() {
    [[ ${OC_KOLLA_KEEP_DOCKERD:-0} == 1 ]] && return
    kill "$engine" 2>/dev/null || true
}
trap stop_engine EXIT
mine() { docker -H "unix://$sock" "$@"; }

# --- the images ----------------------------------------------------------------------------------
# Kolla's image name -> ours (overcloud/NAME:$source_tag of the local engine).
declare -A images=(
    [memcached]=memcached [kolla-toolbox]=kolla-toolbox [keystone-api]=keystone [keystone-fernet]=keystone
    [keystone-ssh]=keystone-ssh [mariadb-server]=mariadb-server
)
sources=()
for name in "${!images[@]}"; do
    source=overcloud/${images[$name]}:$source_tag
    docker image inspect "$source" >/dev/null 2>&1 || { log "no $source on the local engine (scripts/images.sh -p kolla builds it)"; exit 1; }
    [[ $(mine image inspect -f '{{.Id}}' "$source" 2>/dev/null) == "$(docker image inspect -f '{{.Id}}' "$source")" ]] || sources+=("$source")
done
if ((${#sources[@]})); then
    log "copying ${sources[*]} into the test engine"
    mapfile -t sources < <(printf '%s\n' "${sources[@]}" | sort -u)
    docker save "${sources[@]}" | mine load >/dev/null
fi
for name in "${!images[@]}"; do
    mine tag "overcloud/${images[$name]}:$source_tag" "$namespace/$name:zed-1"
done
# Kolla's config.json files own /var/log/kolla as fluentd:kolla (build.yml's users has it).
[[ $(mine run --rm --entrypoint getent "$namespace/memcached:zed-1" passwd fluentd | cut -d: -f3) == 42474 ]] \
    || { log "$namespace/memcached:zed-1 has no fluentd user 42474 (rebuild with scripts/images.sh)"; exit 1; }
export OC_KOLLA_IMAGE_NAMESPACE=$namespace

# --- the namespace -------------------------------------------------------------------------------
export OC_KOLLA_WORK=$base/work OC_KOLLA_SSHD_DIR=$base/sshd
mkdir -p "$base/systemd/multi-user.target.wants" "$base/etc-kolla" "$OC_KOLLA_WORK"
rm -rf "$OC_KOLLA_SSHD_DIR"
inner=$(cat <<'EOF'
set -euo pipefail
mount --bind "$SOCK" /var/run/docker.sock
mount --bind "$BASE/systemd" /etc/systemd/system
[[ -d /etc/kolla ]] && mount --bind "$BASE/etc-kolla" /etc/kolla
[[ -d /run/netns ]] && mount -t tmpfs none /run/netns
OC_SSHD_PORT=$SSHD_PORT "$ROOT/scripts/start-sshd.sh" "$OC_KOLLA_SSHD_DIR" >/dev/null
trap '"$ROOT/scripts/start-sshd.sh" --stop "$OC_KOLLA_SSHD_DIR" >/dev/null 2>&1' EXIT
# The SSH user reads the venv and the collection as any operator's would.
chmod o+rx "$BASE" "$OC_KOLLA_WORK"
if [[ ${1:-} == --exec ]]; then shift; "$@"; else
    cd "$ROOT/Tests/kolla_dropin" && "$OC_KOLLA_VENV/bin/python" -m pytest -q -p no:cacheprovider "$@" .
fi
EOF
)
SOCK=$sock BASE=$base ROOT=$root SSHD_PORT=${OC_KOLLA_SSHD_PORT:-2230} \
    nsenter --net="/proc/$engine/ns/net" unshare --mount --propagation private bash -c "$inner" kolla_dropin "$@"
