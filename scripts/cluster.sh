#!/usr/bin/env bash
# A test cluster on this machine: N nodes, each a (nearly) privileged container with its own sshd, its own Docker engine
# (data root on its own named volume, overlay2) and its own address on a Docker network this script creates.
# Nothing outside this machine is reached; the node image is built locally (no registry pull).
#
#   scripts/cluster.sh up [N]        N nodes (default 3, at most 8); idempotent: builds the node image when missing
#                                    or stale, makes what is missing, removes nodes above N, loads the images,
#                                    writes the inventory; prints the inventory path
#   scripts/cluster.sh down          removes the nodes, their engine volumes, the network and the state directory
#   scripts/cluster.sh status        one line per node: state, address, sshd, engine, containers
#   scripts/cluster.sh load IMAGE... copies images from this machine's engine into every running node's engine
#                                    (`docker save | docker exec -i NODE docker load`, only where the image id differs)
#   scripts/cluster.sh clean         empties every running node (its containers, volumes, /etc/kolla, ~/.ansible);
#                                    keeps its images
#   scripts/cluster.sh stop-node|start-node NAME    a node "down" (its container stopped) and back (same address)
#
# Names (OC_CLUSTER_NAME, default oc-cluster; a second cluster beside the first needs its own name and
# OC_CLUSTER_NET): containers <name>-node1..N (hostnames node1..N, the inventory names), volumes <name>-node<i>-docker,
# network <name>-net (OC_CLUSTER_NET.0/24, default 172.30.117), image oc-cluster/node:1 (shared). The state directory
# (OC_CLUSTER_DIR, default /tmp/<name>) holds the client key (id_ed25519), known_hosts, inventory.ini and the ansible
# ControlPath dir cp/ (ANSIBLE_SSH_CONTROL_PATH_DIR). The inventory has Kolla's groups: control (node1..3),
# compute (the nodes after the third; every node when N <= 3), the service groups memcached and demo_api (control)
# and mariadb (node1: the demo MariaDB is one server, not a Galera cluster); each host has ansible_host (its
# address), ansible_port 22, ansible_user root, the key, and api_interface_address (where its services listen);
# database_address is the mariadb host's address.
# Images reach the nodes by `load` (docker save | docker load; no registry): `up` loads OC_CLUSTER_IMAGES
# (default: the demo service images, tags 1 and 2, those present on this machine).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

NAME=${OC_CLUSTER_NAME:-oc-cluster}
[[ $NAME =~ ^oc-cluster[a-z0-9-]*$ ]] || { echo "cluster: OC_CLUSTER_NAME must start with oc-cluster" >&2; exit 2; }
STATE=${OC_CLUSTER_DIR:-/tmp/$NAME}
NETWORK=$NAME-net
# test hosts created by this script: a private subnet on the Docker network above, node i at .(10+i)
NET=${OC_CLUSTER_NET:-172.30.117}
SUBNET=$NET.0/24
ADDRESS_PREFIX=$NET.
NODE_IMAGE=oc-cluster/node:1
PRIVILEGED=(--cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined --security-opt apparmor=unconfined
    --security-opt systempaths=unconfined --device-cgroup-rule 'a *:* rwm')
CONTEXT=scripts/fixtures/cluster-node
# Debug builds of the modules link the Swift runtime dynamically (RUNPATH /opt/swift/...): with OC_CLUSTER_SWIFT_LIBS=DIR
# the nodes get DIR read-only at the same path. The release collection (static stdlib) needs nothing.
SWIFT_LIBS=()
[[ -z ${OC_CLUSTER_SWIFT_LIBS:-} ]] || SWIFT_LIBS=(-v "$OC_CLUSTER_SWIFT_LIBS:$OC_CLUSTER_SWIFT_LIBS:ro")
DEFAULT_IMAGES=(overcloud/memcached:zed-1 overcloud/mariadb-server:zed-1 overcloud/demo-api:zed-1
    overcloud/memcached:zed-2 overcloud/mariadb-server:zed-2 overcloud/demo-api:zed-2)

log() { echo "cluster: $*" >&2; }
die() { log "$*"; exit 1; }

node_name() { echo "$NAME-node$1"; }
node_address() { echo "$ADDRESS_PREFIX$((10 + $1))"; }
existing_nodes() { docker ps -a --filter "label=org.overcloud.cluster=$NAME" --format '{{.Names}}' | sort -V; }
node_index() { local name=$1; echo "${name#"$NAME"-node}"; }
running() { [[ $(docker inspect -f '{{.State.Running}}' "$1" 2>/dev/null) == true ]]; }

build_image() {
    local hash work
    hash=$( { docker image inspect -f '{{.Id}}' overcloud-test/debian:bookworm; cat "$CONTEXT"/*; } | sha256sum | cut -c1-32)
    work=$(mktemp -d /tmp/oc-cluster-build.XXXXXX)
    # shellcheck source=scripts/fixtures/lib.sh
    . scripts/fixtures/lib.sh
    if fresh "$NODE_IMAGE" "$hash"; then rm -rf "$work"; return; fi
    log "building $NODE_IMAGE (docker.io, openssh-server from Debian's mirror)"
    legacy_build "$NODE_IMAGE" --network host --build-arg FIXTURE_HASH="$hash" "$CONTEXT"
    rm -rf "$work"
}

ensure_keys() {
    mkdir -p "$STATE"
    chmod 0700 "$STATE"
    mkdir -p -m 0700 "$STATE/cp"
    [[ -s $STATE/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C oc-cluster-client -f "$STATE/id_ed25519"
}

ensure_network() {
    docker network inspect "$NETWORK" >/dev/null 2>&1 ||
        docker network create --driver bridge --subnet "$SUBNET" --label "org.overcloud.cluster=$NAME" "$NETWORK" >/dev/null
}

# Starts node i (creates it when missing) and waits until its engine and sshd answer.
ensure_node() {
    local i=$1 name address
    name=$(node_name "$i") address=$(node_address "$i")
    # A node made from an older node image is made again (its engine volume, and so its images, stay).
    if docker inspect "$name" >/dev/null 2>&1 &&
        [[ $(docker inspect -f '{{.Image}}' "$name") != $(docker image inspect -f '{{.Id}}' "$NODE_IMAGE") ]]; then
        docker rm -f "$name" >/dev/null
        log "$name: new node image"
    fi
    if ! docker inspect "$name" >/dev/null 2>&1; then
        # Privileged in effect: this machine's bounding set lacks CAP_SYS_RESOURCE, so --privileged (every
        # capability) cannot start; every other capability, no seccomp/AppArmor, all devices, writable cgroups.
        docker run -d "${PRIVILEGED[@]}" --name "$name" --hostname "node$i" --label "org.overcloud.cluster=$NAME" \
            --network "$NETWORK" --ip "$address" -v "$name-docker:/var/lib/docker" \
            --tmpfs /run --tmpfs /tmp "${SWIFT_LIBS[@]}" "$NODE_IMAGE" >/dev/null
        log "created $name at $address"
    elif ! running "$name"; then
        docker start "$name" >/dev/null
        log "started $name"
    fi
}

wait_node() {
    local name=$1 ok=0
    for _ in $(seq 150); do
        if docker exec "$name" docker info >/dev/null 2>&1 && docker exec "$name" test -S /run/docker.sock; then ok=1; break; fi
        sleep 0.2
    done
    ((ok)) || die "$name: its dockerd did not start: $(docker exec "$name" tail -5 /var/log/dockerd.log 2>&1)"
    docker exec -i "$name" sh -c 'umask 077; mkdir -p /root/.ssh; cat > /root/.ssh/authorized_keys' <"$STATE/id_ed25519.pub"
}

write_known_hosts() {
    local name
    : >"$STATE/known_hosts.tmp"
    for name in $(existing_nodes); do
        running "$name" || continue
        printf '%s %s\n' "$(node_address "$(node_index "$name")")" \
            "$(docker exec "$name" cut -d' ' -f1,2 /etc/ssh/ssh_host_ed25519_key.pub)" >>"$STATE/known_hosts.tmp"
    done
    mv "$STATE/known_hosts.tmp" "$STATE/known_hosts"
}

check_ssh() {
    ssh -o BatchMode=yes -o ConnectTimeout=3 -o UserKnownHostsFile="$STATE/known_hosts" -o StrictHostKeyChecking=yes \
        -i "$STATE/id_ed25519" "root@$1" true 2>/dev/null
}

write_inventory() {
    local n=$1 i control=() compute=()
    for ((i = 1; i <= n; i++)); do
        if ((i <= 3)); then control+=("node$i"); else compute+=("node$i"); fi
    done
    ((${#compute[@]})) || compute=("${control[@]}")
    {
        echo "# Written by scripts/cluster.sh up $n: the test cluster's nodes (containers $NAME-node<i>)."
        echo '[control]'
        for h in "${control[@]}"; do
            i=${h#node}
            echo "$h ansible_host=$(node_address "$i") api_interface_address=$(node_address "$i")"
        done
        echo
        echo '[compute]'
        for h in "${compute[@]}"; do
            i=${h#node}
            echo "$h ansible_host=$(node_address "$i") api_interface_address=$(node_address "$i")"
        done
        printf '\n[memcached:children]\ncontrol\n\n[demo_api:children]\ncontrol\n\n'
        printf '# The demo MariaDB is one server (no Galera): the first controller.\n[mariadb]\nnode1\n\n'
        echo '[all:vars]'
        echo 'ansible_port=22'
        echo 'ansible_user=root'
        echo "ansible_ssh_private_key_file=$STATE/id_ed25519"
        echo "ansible_ssh_common_args='-o UserKnownHostsFile=$STATE/known_hosts -o StrictHostKeyChecking=yes'"
        echo 'ansible_python_interpreter=/usr/bin/python3'
        echo "database_address=\"{{ hostvars[groups['mariadb'][0]].api_interface_address }}\""
        # test hosts created by this script: the bootstraps on every node log in to MariaDB as root
        echo "mariadb_root_hosts=[\"${ADDRESS_PREFIX}%\"]"
    } >"$STATE/inventory.ini.tmp"
    mv "$STATE/inventory.ini.tmp" "$STATE/inventory.ini"
}

# load IMAGE...: into every running node whose engine lacks one of them (compared by image id). One `docker save` of
# what any node lacks, then one `docker load` per such node, in parallel (a node skips the layers it has).
load_images() {
    local image name id pids=() nodes=() tarball=$STATE/images.tar
    local -A want=() missing=()
    for image in "$@"; do
        id=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null) || die "no image $image on this machine"
        want[$image]=$id
    done
    for name in $(existing_nodes); do
        running "$name" || continue
        for image in "$@"; do
            if [[ $(docker exec "$name" docker image inspect -f '{{.Id}}' "$image" 2>/dev/null) != "${want[$image]}" ]]; then
                missing[$image]=1
                [[ " ${nodes[*]} " == *" $name "* ]] || nodes+=("$name")
            fi
        done
    done
    ((${#nodes[@]})) || return 0
    docker save -o "$tarball" "${!missing[@]}"
    for name in "${nodes[@]}"; do
        (docker exec -i "$name" docker load -q <"$tarball" >/dev/null && log "$name: loaded ${!missing[*]}") &
        pids+=($!)
    done
    local status=0
    for pid in "${pids[@]}"; do wait "$pid" || status=1; done
    rm -f "$tarball"
    ((status == 0)) || die "loading images into a node failed"
}

up() {
    local n=${1:-3} i name images=()
    [[ $n =~ ^[1-8]$ ]] || die "N must be 1..8 (got '$n')"
    docker info >/dev/null 2>&1 || die "docker is not answering (scripts/start-dockerd.sh)"
    docker image inspect overcloud-test/debian:bookworm >/dev/null 2>&1 || scripts/fixtures/debian-image.sh >/dev/null
    build_image
    ensure_keys
    ensure_network
    for name in $(existing_nodes); do
        i=$(node_index "$name")
        if ((i > n)); then docker rm -f "$name" >/dev/null; docker volume rm -f "$name-docker" >/dev/null; log "removed $name"; fi
    done
    for ((i = 1; i <= n; i++)); do ensure_node "$i"; done
    for ((i = 1; i <= n; i++)); do wait_node "$(node_name "$i")"; done
    write_known_hosts
    for ((i = 1; i <= n; i++)); do
        for _ in $(seq 50); do check_ssh "$(node_address "$i")" && break; sleep 0.2; done
        check_ssh "$(node_address "$i")" || die "node$i: no ssh at $(node_address "$i")"
    done
    write_inventory "$n"
    if [[ -n ${OC_CLUSTER_IMAGES+x} ]]; then
        read -r -a images <<<"$OC_CLUSTER_IMAGES"
    else
        for image in "${DEFAULT_IMAGES[@]}"; do docker image inspect "$image" >/dev/null 2>&1 && images+=("$image"); done
    fi
    ((${#images[@]} == 0)) || load_images "${images[@]}"
    # The node image a rebuild replaced, now that no node runs it.
    ! declare -F drop_replaced >/dev/null || drop_replaced
    log "$n nodes up; inventory $STATE/inventory.ini"
    echo "$STATE/inventory.ini"
}

down() {
    local name
    for sock in "$STATE"/cp/*; do
        [[ -S $sock ]] && ssh -o ControlPath="$sock" -O exit dummy >/dev/null 2>&1 || true
    done
    for name in $(existing_nodes); do
        docker rm -f "$name" >/dev/null
        docker volume rm -f "$name-docker" >/dev/null
        log "removed $name"
    done
    docker network rm "$NETWORK" >/dev/null 2>&1 || true
    rm -rf "$STATE"
}

clean() {
    local name pids=()
    for name in $(existing_nodes); do
        running "$name" || continue
        docker exec "$name" sh -c 'ids=$(docker ps -aq); [ -z "$ids" ] || docker rm -f $ids >/dev/null
            docker volume prune -f >/dev/null; rm -rf /etc/kolla /root/.ansible' &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
}

status() {
    local name address state sshd engine containers
    for name in $(existing_nodes); do
        address=$(node_address "$(node_index "$name")") state=stopped sshd=- engine=- containers=-
        if running "$name"; then
            state=running
            sshd=$(check_ssh "$address" && echo ok || echo down)
            engine=$(docker exec "$name" docker info -f '{{.ServerVersion}}' 2>/dev/null || echo down)
            containers=$(docker exec "$name" docker ps -a --format '{{.Names}}:{{.State}}' 2>/dev/null | paste -sd, -)
        fi
        printf '%s\t%s\t%s\tsshd=%s\tengine=%s\t%s\n' "$name" "$state" "$address" "$sshd" "$engine" "${containers:--}"
    done
}

command=${1:-}
shift || true
case $command in
    up) up "$@" ;;
    down) down ;;
    status) status ;;
    clean) clean ;;
    load) (($#)) || die "load needs image names"; load_images "$@" ;;
    stop-node) docker stop -t 20 "$(node_name "${1#*node}")" >/dev/null ;;
    start-node)
        name=$(node_name "${1#*node}")
        docker start "$name" >/dev/null
        wait_node "$name"
        for _ in $(seq 50); do check_ssh "$(node_address "${1#*node}")" && break; sleep 0.2; done ;;
    *) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac
