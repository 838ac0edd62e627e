#!/usr/bin/env bash
# Every test, in order; stops at the first failing stage and says which.
#   scripts/test.sh        (run by `make test` and .ci/run; expects scripts/setup.sh to have run)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export OC_VENV=${OC_VENV:-/tmp/oc-venv}

# Each stage's wall time, printed as a table at the end (and on failure).
timings=() timed="" stage_start=$SECONDS
stage_done() {
    [[ -n $timed ]] && timings+=("$(printf '%5ds  %s' $((SECONDS - stage_start)) "$timed")")
    timed="" stage_start=$SECONDS
}
stage() { stage_done; timed=$*; printf '\n=== %s\n' "$*" >&2; }
print_times() { stage_done; printf 'test: stage times\n' >&2; printf '  %s\n' ${timings[@]+"${timings[@]}"} >&2; }
# The TripleO stage (names oc-tq-t-*, ports 3xxxx) and the stages on engines of their own (cluster, Kolla drop-in)
# run beside the others, in the background: on 2 cores the foreground stages leave one mostly idle (one
# ansible-playbook, waits on healthchecks). The longest (Kolla drop-in) goes first, then TripleO, the two with
# a keystone; the control-plane stage waits until both are done (build/background-keystones.done): two
# keystones under full load have answered 503 / reset connections. A failure
# there is reported when the foreground is done; a foreground failure waits for it (its tests clean up after
# themselves), so nothing is left running.
background_pid=""
wait_background() {
    [[ -n $background_pid ]] || return 0
    local pid=$background_pid status=0
    background_pid=""
    echo "test: waiting for the background stages (build/background.log)" >&2
    wait "$pid" || status=$?
    if ((status != 0)); then
        grep -v '^ok ' build/background.log | tail -n 150 >&2
    else
        sed -n '/^test: background stage times/,$p' build/background.log >&2
    fi
    return $status
}
trap 'print_times; echo "test: FAILED in stage: ${current:-?}" >&2; wait_background || true' ERR

current="docker daemon"; stage "$current"
# Before the Swift tests, so their live Engine tests run instead of skipping.
scripts/start-dockerd.sh
# Optional: Podman's compatible API for the Podman live tests (they skip without it).
scripts/start-podman.sh || echo "test: Podman's API is not answering; the Podman live tests will skip" >&2

current="fixture images (busybox, Kolla-API, Debian) + their live test"; stage "$current"
mkdir -p build
scripts/fixtures/busybox-image.sh
scripts/fixtures/debian-image.sh >/dev/null
# puppet_config's config image (FROM the Debian image; its integration target reuses it).
scripts/fixtures/puppet-image.sh >/dev/null
scripts/fixtures/kolla-images.sh >/dev/null
# Before the Swift tests, so their live image tests run on a new machine too; the test reuses the
# static kolla_set_configs just built.
OC_KOLLA_SET_CONFIGS=.build-images/release/kolla_set_configs Tests/fixtures/test_kolla_images.sh >build/fixture-test.log 2>&1 ||
    { grep -v '^ok ' build/fixture-test.log >&2; false; }
tail -n 1 build/fixture-test.log

current="swift format (.swift-format)"; stage "$current"
scripts/format.sh --check

current="swift unit tests"; stage "$current"
if ! swift test >build/swift-test.log 2>&1; then
    grep -E '✘|error:|failed' build/swift-test.log | head -n 150 >&2
    tail -n 5 build/swift-test.log >&2
    false
fi
grep -E '^(✔|✘) (Suite|Test run)|Executed [0-9]+ tests' build/swift-test.log | tail -n 30

current="release build + collection tarball"; stage "$current"
tarball=$(scripts/build-collection.sh)
echo "built $tarball" >&2

current="images/ (OpenStack, MariaDB, memcached, demo; zed-1 and zed-2) + the background stages"; stage "$current"
# Built once, here (cached by content hash: a no-op when nothing changed); the roles, control-plane, TripleO,
# cluster and Kolla stages use them. Then the background stages start on them.
scripts/images.sh -p default >/dev/null
rm -f build/background-keystones.done
(
    trap 'print_times; echo "test: FAILED in background stage: ${current:-?}"' ERR
    timings=() timed="" stage_start=$SECONDS
    current="Kolla-Ansible 23.0.0 itself on our modules (the drop-in): memcached local and over SSH, keystone local"; stage "$current"
    # Kolla's CLI, site.yml and roles (memcached; kolla_toolbox + memcached + keystone) unchanged, with Kolla's modules
    # and with ours; its own venvs (scripts/kolla-venv.sh), Docker engine and namespaces. Needs the images of
    # `scripts/images.sh -p kolla` (zed-1; the images stage's `-p default` built them).
    Tests/kolla_dropin/run.sh "$tarball"

    current="TripleO path: deploy_steps.yaml (Puppet config, kolla_config, steps 1-5, a Keystone token)"; stage "$current"
    # On the images stage's images; the config image is puppet-config's plus keystone's user (no download).
    # Deploy, rerun (no change), hiera change (only keystone recreated), bad definitions; containers oc-tq-t-*, ports 3xxxx.
    tripleo_collections=$(mktemp -d /tmp/oc-tq-collections.XXXXXX)
    "$OC_VENV/bin/ansible-galaxy" collection install "$tarball" -p "$tripleo_collections" --force >/dev/null
    scripts/fixtures/tripleo-config-image.sh >/dev/null
    OC_TRIPLEO_COLLECTIONS=$tripleo_collections "$OC_VENV/bin/python" -m pytest -q -p no:cacheprovider Tests/tripleo
    rm -rf "$tripleo_collections"
    : >build/background-keystones.done

    current="cluster: 3 nodes over SSH (own sshd, dockerd, address each): roles and fast path across them"; stage "$current"
    # scripts/cluster.sh builds the node image (cached by input hash) and starts the nodes; the demo images
    # are copied into their engines (docker save | docker load); Tests/cluster takes the cluster down at the end.
    cluster_collections=$(mktemp -d /tmp/oc-cluster-collections.XXXXXX)
    "$OC_VENV/bin/ansible-galaxy" collection install "$tarball" -p "$cluster_collections" --force >/dev/null
    OC_CLUSTER_COLLECTIONS=$cluster_collections "$OC_VENV/bin/python" -m pytest -q -p no:cacheprovider Tests/cluster
    rm -rf "$cluster_collections"

    current=""
    stage_done
    printf 'test: background stage times\n'
    printf '  %s\n' ${timings[@]+"${timings[@]}"}
) >build/background.log 2>&1 &
background_pid=$!
echo "test: Kolla drop-in, TripleO and cluster stages started in the background (build/background.log)" >&2

current="binary size, start time, glibc floor"; stage "$current"
scripts/check-binary.sh .build-release/release/overcloud-node
scripts/check-binary.sh .build-release/release/overcloud-deploy

current="binary robustness + sidecar contract + plugin helpers + clean demo output"; stage "$current"
OC_NODE_BINARY=.build-release/release/overcloud-node OC_TARBALL="$tarball" "$OC_VENV/bin/python" -m pytest -q -p no:cacheprovider Tests/binary Tests/plugins

current="tripleo_container_manage against paunch 7.0.4 on THT 18.0.0 (differential)"; stage "$current"
# Makes /tmp/oc-paunch-venv (paunch==7.0.4) and /tmp/oc-paunch-cache (the THT sdist) from PyPI when missing.
OC_NODE_BINARY=.build-release/release/overcloud-node "$OC_VENV/bin/python" -m pytest -q -p no:cacheprovider Tests/paunch

current="image copy against live registries (container_image_prepare)"; stage "$current"
# Real docker-registry instances on 127.0.0.1 (HTTP, TLS + htpasswd, bearer tokens), the fixture
# images pushed from dockerd, fault-injecting proxies; both left running for the integration stage.
scripts/registries.sh start >/dev/null
scripts/fixtures/registry-images.sh
OC_DEPLOY_BINARY=.build-release/release/overcloud-deploy "$OC_VENV/bin/python" -m pytest -q -p no:cacheprovider Tests/registry

current="ansible-test sanity"; stage "$current"
scripts/sanity.sh "$tarball"

current="integration (real ansible-playbook, 2 lanes)"; stage "$current"
# Two lanes of whole targets (scripts/integration.sh: which targets may run at once, and the balance): the
# stage was the critical path (1298 s in one lane beside the background stages).
scripts/integration.sh --jobs 2 "$tarball"

current="service roles: deploy, reconfigure, upgrade, stop, destroy on real services"; stage "$current"
# The Kolla-style roles on the images stage's mariadb-server, memcached and demo-api (zed-1, zed-2), through
# scripts/overcloud-containers with the tarball installed.
roles_collections=$(mktemp -d /tmp/oc-rl-collections.XXXXXX)
"$OC_VENV/bin/ansible-galaxy" collection install "$tarball" -p "$roles_collections" --force >/dev/null
OC_SKIP_IMAGE_BUILD=1 OC_ROLES_COLLECTIONS=$roles_collections "$OC_VENV/bin/python" -m pytest -q -p no:cacheprovider \
    Tests/roles --ignore=Tests/roles/test_control_plane.py

current="OpenStack control plane: keystone + placement on mariadb + memcached (images/ zed-1, zed-2)"; stage "$current"
# Not beside the background's keystones (see above); the background ending early (failed) ends the wait too.
if [[ ! -e build/background-keystones.done ]] && kill -0 "$background_pid" 2>/dev/null; then
    echo "test: waiting for the background's Kolla drop-in and TripleO stages (keystones) to be done" >&2
    while [[ ! -e build/background-keystones.done ]] && kill -0 "$background_pid" 2>/dev/null; do sleep 5; done
fi
# The real services in the tree's images (keystone and placement on MariaDB, memcached, rabbitmq, the toolbox),
# each started from a config.json as a deployer would; no host port (Tests/images/test_images.sh).
Tests/images/test_images.sh >build/images-test.log 2>&1 || { grep -v '^ok ' build/images-test.log >&2; false; }
tail -n 1 build/images-test.log
# The whole story on one deployment, in file order (deploy, no-op redeploy, reconfigure, wrong admin password, a
# keystone that never gets healthy, upgrade to zed-2, destroy); the fixture removes everything it made either way.
OC_SKIP_IMAGE_BUILD=1 OC_ROLES_COLLECTIONS=$roles_collections "$OC_VENV/bin/python" -m pytest -q -p no:cacheprovider \
    Tests/roles/test_control_plane.py
rm -rf "$roles_collections"

current="background stages (Kolla drop-in, TripleO, cluster)"; stage "$current"
wait_background
current=""
print_times
echo "test: all stages passed in $SECONDS s" >&2
