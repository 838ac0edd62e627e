#!/usr/bin/env bash
# Kolla-Ansible 23.0.0 itself, with its modules and with ours (the drop-in), local and over SSH.
#
#   Tests/kolla_dropin/run.sh TARBALL [pytest args...]      the test (scripts/test.sh's stage)
#   Tests/kolla_dropin/run.sh TARBALL --exec CMD [ARGS...]  CMD in the same set-up (bench/kolla_dropin.sh)
#
# Set-up, all of it this script's own:
# - the Kolla venv (scripts/kolla-venv.sh) and the collection TARBALL installed beside it;
# - a Docker engine of its own (scripts/start-dockerd.sh with its own socket, data root and bridge):
#   Kolla-Ansible's container names (memcached) and volumes are fixed, and its `destroy` removes
#   every container labelled kolla_version on the engine;
# - the image: overcloud/memcached:zed-1 of the local engine (images/, built by scripts/images.sh),
#   copied in and tagged oc-kolla-dropin/memcached:zed-1; if it has no `fluentd` user (Kolla's
#   config.json files own /var/log/kolla as fluentd:kolla) one layer adds it (uid 42474, Kolla's);
# - a private mount + network namespace for the run: /var/run/docker.sock is that engine,
#   /etc/systemd/system a scratch folder (Kolla's unit files), /etc/kolla empty (Kolla's destroy
#   empties it), and no network interface of the host is visible (Kolla's destroy deletes every
#   network namespace and tap/brq/vxlan interface it sees); an sshd on 127.0.0.1 (scripts/start-sshd.sh)
#   runs inside it for the SSH scenario.
# Environment: OC_VENV (ansible-galaxy), OC_KOLLA_VENV, OC_KOLLA_BASE [/tmp/oc-kolla-dropin],
# OC_KOLLA_SOURCE_IMAGE [overcloud/memcached:zed-1], OC_KOLLA_SSHD_PORT [2230], OC_KOLLA_MEMCACHED_PORT [41211],
# OC_KOLLA_BRIDGE [ockdropin] (the engine's bridge), OC_KOLLA_KEEP_DOCKERD=1 (leave the engine running for the next run).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
tarball=${1:?usage: run.sh TARBALL [pytest args | --exec CMD ARGS]}
shift
[[ -f $tarball ]] || { echo "run.sh: no tarball $tarball" >&2; exit 2; }
tarball=$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")
OC_VENV=${OC_VENV:-/tmp/oc-venv}
base=${OC_KOLLA_BASE:-/tmp/oc-kolla-dropin}
source_image=${OC_KOLLA_SOURCE_IMAGE:-overcloud/memcached:zed-1}
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
ip link show "$bridge" >/dev/null 2>&1 || { ip link add "$bridge" type bridge && ip link set "$bridge" up; }
OC_DOCKERD_SOCK=$sock OC_DOCKERD_PIDFILE=$base/docker.pid OC_DOCKERD_LOG=$base/dockerd.log \
    OC_DOCKERD_ARGS="--data-root $OC_KOLLA_DOCKER_ROOT --exec-root $base/docker/exec --bridge $bridge --iptables=false --ip-masq=false" \
    "$root/scripts/start-dockerd.sh"
stop_engine() {
    [[ ${OC_KOLLA_KEEP_DOCKERD:-0} == 1 ]] && return
    local pid
    pid=$(cat "$base/docker.pid" 2>/dev/null || true)
    [[ $pid =~ ^[0-9]+$ ]] && kill "$pid" 2>/dev/null || true
}
trap stop_engine EXIT
mine() { docker -H "unix://$sock" "$@"; }

# --- the image -----------------------------------------------------------------------------------
target=$namespace/memcached:zed-1
source_id=$(docker image inspect -f '{{.Id}}' "$source_image") || { log "no $source_image on the local engine (scripts/images.sh builds it)"; exit 1; }
if [[ $(mine image inspect -f '{{index .Config.Labels "org.overcloud.kolla-dropin-source"}}' "$target" 2>/dev/null) != "$source_id" ]]; then
    if ! mine image inspect "$source_image" >/dev/null 2>&1 || [[ $(mine image inspect -f '{{.Id}}' "$source_image") != "$source_id" ]]; then
        log "copying $source_image into the test engine"
        docker save "$source_image" | mine load >/dev/null
    fi
    ctx=$(mktemp -d)
    cat >"$ctx/Dockerfile" <<EOF
FROM $source_image
USER root
RUN getent passwd fluentd >/dev/null || { groupadd -g 42474 fluentd && useradd -u 42474 -g 42474 -M -d /var/lib/fluentd -s /usr/sbin/nologin fluentd; }
USER memcached
LABEL org.overcloud.kolla-dropin-source="$source_id"
EOF
    DOCKER_BUILDKIT=0 mine build -q -t "$target" "$ctx" >/dev/null
    rm -rf "$ctx"
fi
export OC_KOLLA_IMAGE_NAMESPACE=$namespace

# --- the namespace -------------------------------------------------------------------------------
export OC_KOLLA_WORK=$base/work OC_KOLLA_SSHD_DIR=$base/sshd
mkdir -p "$base/systemd/multi-user.target.wants" "$base/etc-kolla" "$OC_KOLLA_WORK"
rm -rf "$OC_KOLLA_SSHD_DIR"
inner=$(cat <<'EOF'
set -euo pipefail
ip link set lo up
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
    unshare --mount --net --propagation private bash -c "$inner" kolla_dropin "$@"
