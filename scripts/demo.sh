#!/usr/bin/env bash
# The demo (`make demo`): installs the built collection, then
#   1. layered Kolla-style config with the merge modules (playbooks/demo.yml): preview, apply, apply again;
#   2. real services in containers with the Kolla-style roles, through scripts/overcloud-containers:
#      prepare images -> deploy -> the services answer -> reconfigure one setting -> upgrade to a new tag -> stop;
#   3. the Apex patch pipeline (playbooks/prepare_overcloud_containers.yaml): upstream images copied into a local
#      registry, the images an upstream patch touches rebuilt with it and tagged apex, the environment file rewritten.
#   4. a real OpenStack control plane: Keystone and Placement deployed, reconfigured and upgraded to a new tag
#      (scripts/demo-control-plane.sh).
#   5. the TripleO path: Keystone configured by Puppet, deployed step by step (scripts/demo-tripleo.sh).
# Everything runs on this machine: services on 127.0.0.1, containers and volumes named oc-demo-*.
#
# Environment:
#   OC_DEMO_DIR      work directory (default /tmp/overcloud-demo; emptied first)
#   OC_DEMO_IMAGES   where the deployment takes its images from:
#                      engine   the images built into the local engine (images/, scripts/images.sh -p demo)
#                      registry a docker-registry on 127.0.0.1:5311 filled with `docker push`; the roles pull from it
#                      prepare  a source registry on 127.0.0.1:5310 (filled with `docker push`, standing in for the
#                               upstream one) copied by container_image_prepare into the deployment's registry on
#                               127.0.0.1:5311 (tag zed-1, then zed-2 for the upgrade); the roles pull from that
#                    (default: prepare when this build's container_image_prepare copies images, else engine)
#   OC_TARBALL       the collection tarball (default dist/overcloud-containers-<version>.tar.gz, built if missing)
#   OC_DEMO_KEEP=1   leave the stopped services (and registries) in place at the end instead of destroying them
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OC_VENV=${OC_VENV:-/tmp/oc-venv}
export OC_VENV
version=$(awk '/^version:/ {print $2}' "$root/galaxy.yml")
tarball=${OC_TARBALL:-$root/dist/overcloud-containers-$version.tar.gz}
[[ -f $tarball ]] || tarball=$("$root/scripts/build-collection.sh")
colls=$root/build/demo-collections
demo_dir=${OC_DEMO_DIR:-/tmp/overcloud-demo}
source "$root/scripts/demo-env.sh"
demo_install_collection "$tarball" "$colls"
modules=$colls/ansible_collections/overcloud/containers/plugins/modules
say() { printf '\n### %s\n' "$*"; }

# --- 1. layered config with the merge modules ------------------------------------------------------------
play() { demo_merge_play "$root" "$demo_dir/merge" "$@"; }
services_etc=$demo_dir/services/etc
oc() { "$root/scripts/overcloud-containers" "$1" --configdir "$services_etc" "${@:2}"; }
# A previous run's services (same names and ports) go first.
if [[ -f $services_etc/globals.yml ]]; then
    oc destroy --yes-i-really-really-mean-it >/dev/null 2>&1 || true
fi
registries_pids=()
stop_registries() {
    local pid
    for pid in ${registries_pids[@]+"${registries_pids[@]}"}; do kill "$pid" 2>/dev/null || true; done
}
trap '[[ ${OC_DEMO_KEEP:-0} == 1 ]] || stop_registries' EXIT
rm -rf "$demo_dir"
mkdir -p "$demo_dir"

say "1. layered config: preview with --check --diff (nothing is written)"
play --check --diff
say "1. layered config: apply"
play --diff
say "1. layered config: apply again, every task ok, nothing changed"
second=$(play)
echo "$second"
grep -q 'changed=0 .*failed=0' <<<"$second" || { echo "### NOT idempotent: the second run changed something" >&2; exit 1; }
echo "### idempotent: the second run changed nothing"
echo "### the module by hand:"
"$modules/merge_configs" --help | head -n 12

# --- 2. services ------------------------------------------------------------------------------------------
say "2a. prepare images: build the tree images/ with the image builder (Debian packages on the Kolla image API)"
"$root/scripts/start-dockerd.sh" >/dev/null
"$root/scripts/images.sh" -p demo

copies_images() { "$modules/container_image_prepare" prepare --help 2>&1 | grep -q -- '--insecure-registry'; }
mode=${OC_DEMO_IMAGES:-}
if [[ -z $mode ]]; then
    if copies_images; then mode=prepare; else mode=engine; fi
fi
source_registry=127.0.0.1:5310 deploy_registry=127.0.0.1:5311
start_registry() {  # $1 = host:port; storage under the demo dir
    local dir=$demo_dir/registry-${1##*:}
    mkdir -p "$dir"
    printf 'version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: %s\n' \
        "$dir/data" "$1" >"$dir/config.yml"
    setsid nohup docker-registry serve "$dir/config.yml" >"$dir/log" 2>&1 </dev/null &
    registries_pids+=($!)
    local tries=0
    until curl -sf "http://$1/v2/" >/dev/null; do
        ((++tries < 100)) || { echo "the registry on $1 did not start (log: $dir/log)" >&2; exit 1; }
        sleep 0.1
    done
    echo "registry on $1 (data in $dir/data)"
}
push_images() {  # $1 = registry, $2... = tags (default zed-1 zed-2): pushes every demo image
    local image registry=$1 tags=("${@:2}")
    ((${#tags[@]})) || tags=(zed-1 zed-2)
    for image in memcached mariadb-server demo-api; do
        for tag in "${tags[@]}"; do
            docker tag "overcloud/$image:$tag" "$registry/overcloud/$image:$tag"
            docker push -q "$registry/overcloud/$image:$tag" >/dev/null
            echo "pushed $registry/overcloud/$image:$tag"
        done
    done
}
prepare_images() {  # $1 = tag: container_image_prepare copies the demo images from the source registry
    cat >"$demo_dir/prepare-$1.yaml" <<EOF
parameter_defaults:
  ContainerImagePrepare:
    - push_destination: $deploy_registry
      set:
        namespace: $source_registry/overcloud
        name_prefix: ''
        name_suffix: ''
        tag: '$1'
EOF
    echo "--- $demo_dir/prepare-$1.yaml"
    cat "$demo_dir/prepare-$1.yaml"
    if "$modules/container_image_prepare" prepare -e "$demo_dir/prepare-$1.yaml" --image-map "$root/playbooks/demo/image-map.yaml" \
        --insecure-registry "$source_registry" --insecure-registry "$deploy_registry" --output-env-file "$demo_dir/images-$1.yaml"; then
        echo "--- $demo_dir/images-$1.yaml (what the deployment uses)"
        cat "$demo_dir/images-$1.yaml"
    else
        echo "### container_image_prepare failed; pushing tag $1 into $deploy_registry with docker push instead" >&2
        push_images "$deploy_registry" "$1"
    fi
}
registry=""
case $mode in
    engine)
        echo "images: the local engine's own (OC_DEMO_IMAGES=engine; nothing is pulled)" ;;
    registry)
        start_registry "$deploy_registry"
        push_images "$deploy_registry"
        registry=$deploy_registry ;;
    prepare)
        start_registry "$source_registry"
        start_registry "$deploy_registry"
        push_images "$source_registry"
        say "2a. container_image_prepare: copy tag zed-1 into the deployment's registry"
        prepare_images zed-1
        registry=$deploy_registry ;;
    *) echo "OC_DEMO_IMAGES must be engine, registry or prepare (got $mode)" >&2; exit 2 ;;
esac

mkdir -p "$services_etc/config"
cat >"$services_etc/globals.yml" <<EOF
# The demo deployment: every service on this host, on 127.0.0.1, named oc-demo-*.
node_config_directory: $demo_dir/services/node
kolla_name_prefix: oc-demo-
docker_registry: "$registry"
docker_namespace: overcloud
openstack_tag: zed-1
memcached_port: 18011
database_port: 18016
demo_api_port: 18018
docker_graceful_timeout: 10
default_container_healthcheck_interval: 2
default_container_healthcheck_start_period: 10
EOF
cat >"$services_etc/passwords.yml" <<EOF
database_password: $(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
demo_api_database_password: $(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
EOF
chmod 0600 "$services_etc/passwords.yml"
echo "--- $services_etc/globals.yml"
cat "$services_etc/globals.yml"

api=http://127.0.0.1:18018
show_containers() { docker ps -a --filter name=^/oc-demo- --format 'table {{.Names}}\t{{.Image}}\t{{.Status}}'; }
started() { docker inspect -f '{{.Name}} {{.State.StartedAt}}' oc-demo-memcached oc-demo-mariadb oc-demo-demo_api; }
# The run's log goes to last-run.log; shown: the container tasks with their outcome, and the recap.
recap() {
    tee "$demo_dir/last-run.log" | awk '/^TASK .*service_common : (Converge|Run the one-shot)/ {task = $0; next}
        task != "" && /^(ok|changed|fatal|skipping):/ {sub(/^TASK \[overcloud.containers.service_common : /, "  ", task);
            sub(/\] \**$/, "", task); printf "%-70s %s\n", task, $1; task = ""}
        /^PLAY RECAP/ {recap = 1; next} recap && /^localhost/ {print "  " $0}'
}

say "2b. prechecks"
oc prechecks 2>&1 | recap
say "2b. deploy (config, bootstrap of MariaDB and the API database, containers, wait until healthy)"
oc deploy 2>&1 | recap
show_containers

say "2c. the services answer"
set -x
curl -s "$api/"
curl -s "$api/v1/version"
curl -s -X POST -d '{"name": "written before the upgrade"}' "$api/v1/items"
curl -s "$api/v1/items"
{ set +x; } 2>/dev/null
printf 'memcached: %s\n' "$(exec 3<>/dev/tcp/127.0.0.1/18011; printf 'version\r\n' >&3; head -n 1 <&3 | tr -d '\r')"

say "2c. deploy again: nothing changes, nothing restarts"
before=$(started)
oc deploy 2>&1 | recap
[[ $(started) == "$before" ]] && echo "### no container restarted"

say "2d. reconfigure one setting: $services_etc/config/demo-api.conf"
printf '[DEFAULT]\ngreeting = Hello, reconfigured by the operator\n' | tee "$services_etc/config/demo-api.conf"
say "2d. reconfigure --check --diff (preview)"
oc reconfigure --check --diff 2>&1 | grep -E '^[-+]|^(TASK|changed|PLAY RECAP|localhost)' | grep -B1 -E '^[-+]|^changed|^localhost' || true
say "2d. reconfigure"
before=$(started)
oc reconfigure 2>&1 | recap
{ diff <(echo "$before") <(started) || true; } | sed -n 's/^> /restarted: /p'
curl -s "$api/v1/config/greeting"

say "2e. upgrade to tag zed-2 (database migration with the new image first, then the containers)"
[[ $mode == prepare ]] && prepare_images zed-2
oc upgrade -e openstack_tag=zed-2 2>&1 | recap
show_containers
set -x
curl -s "$api/v1/version"
curl -s "$api/v1/items"
curl -s "$api/v1/migrations"
{ set +x; } 2>/dev/null

say "2f. stop"
oc stop -e openstack_tag=zed-2 --yes-i-really-really-mean-it 2>&1 | recap
show_containers
if [[ ${OC_DEMO_KEEP:-0} == 1 ]]; then
    echo "### kept; start again: scripts/overcloud-containers deploy --configdir $services_etc -e openstack_tag=zed-2"
    echo "### remove: scripts/overcloud-containers destroy --configdir $services_etc --yes-i-really-really-mean-it"
else
    say "cleanup: destroy (containers, volumes, config directories)"
    oc destroy -e openstack_tag=zed-2 --yes-i-really-really-mean-it 2>&1 | recap
    # The registry names the demo gave the images (the images themselves stay as overcloud/*).
    docker images --format '{{.Repository}}:{{.Tag}}' | grep -E "^($source_registry|$deploy_registry)/overcloud/(memcached|mariadb-server|demo-api):" |
        xargs -r docker rmi >/dev/null || true
fi
# --- 3. Apex-style image patching -------------------------------------------------------------------------
say "3. Apex pipeline (playbooks/prepare_overcloud_containers.yaml): images copied, the patched ones rebuilt as :apex"
apex_src=127.0.0.1:5312 apex_local=127.0.0.1:5313 apex_dir=$demo_dir/apex
start_registry "$apex_src"
start_registry "$apex_local"
mkdir -p "$apex_dir/image"
# Upstream's service images, standing in: a python project `nova` in site-packages, run as user nova.
cat >"$apex_dir/image/Dockerfile" <<'DOCKERFILE'
FROM overcloud-test/debian:bookworm
RUN mkdir -p /usr/lib/python3/dist-packages/nova \
    && printf '"""A stand-in for an OpenStack python project."""\nVERSION = "1.0"\n\n\ndef greet():\n    return "hello from nova"\n' \
        >/usr/lib/python3/dist-packages/nova/__init__.py \
    && useradd --system nova
USER nova
DOCKERFILE
docker build -q -t overcloud-test/demo-apex-service:1 "$apex_dir/image" >/dev/null
for svc in nova-api nova-compute keystone; do
    docker tag overcloud-test/demo-apex-service:1 "$apex_src/demo-apex/openstack-$svc:1"
    docker push -q "$apex_src/demo-apex/openstack-$svc:1" >/dev/null
    docker rmi "$apex_src/demo-apex/openstack-$svc:1" >/dev/null
    echo "upstream image: $apex_src/demo-apex/openstack-$svc:1"
done
# An upstream review of nova, as Apex fetches it: a unified diff against the project's tree.
cat >"$apex_dir/nova.patch" <<'PATCH'
diff --git a/nova/__init__.py b/nova/__init__.py
--- a/nova/__init__.py
+++ b/nova/__init__.py
@@ -1,6 +1,6 @@
 """A stand-in for an OpenStack python project."""
-VERSION = "1.0"
+VERSION = "1.0+patched"
 
 
 def greet():
-    return "hello from nova"
+    return "hello from a patched nova"
PATCH
cat >"$apex_dir/vars.json" <<VARS
{"apex_dir": "$apex_dir/work", "apex_source_registry": "$apex_src", "apex_namespace": "demo-apex",
 "apex_local_registry": "$apex_local", "apex_tag": "1",
 "apex_includes": ["/openstack-nova-api:", "/openstack-nova-compute:", "/openstack-keystone:"],
 "apex_patches": [{"project": "openstack/nova", "change_id": "I0demo", "file": "$apex_dir/nova.patch"}],
 "apex_python_path": "/usr/lib/python3/dist-packages"}
VARS
echo "--- $apex_dir/vars.json"
cat "$apex_dir/vars.json"
apex() {
    PATH="$OC_VENV/bin:$PATH" "$OC_VENV/bin/ansible-playbook" -i localhost, -e "ansible_python_interpreter=$OC_VENV/bin/python" \
        -e "@$apex_dir/vars.json" "$root/playbooks/prepare_overcloud_containers.yaml"
}
apex >"$apex_dir/first-run.log" 2>&1 || { tail -n 40 "$apex_dir/first-run.log" >&2; exit 1; }
grep -E '^localhost' "$apex_dir/first-run.log"
echo "--- $apex_dir/work/docker-images.yaml (patched services at :apex, the others at the copied tag)"
grep -E 'Nova(Api|Compute)Image|KeystoneImage' "$apex_dir/work/docker-images.yaml"
echo "--- the rebuilt nova-api, run from the local registry (the image's user kept):"
docker run --rm "$apex_local/demo-apex/openstack-nova-api:apex" \
    sh -c "python3 -c 'import nova; print(nova.greet(), nova.VERSION)'; id -un"
say "3. the pipeline again: the apex tags exist, nothing is rebuilt"
second=$(apex 2>&1) || { echo "$second" | tail -n 40 >&2; exit 1; }
grep -E '^localhost' <<<"$second"
grep -qE 'changed=0 ' <<<"$second" && echo "### idempotent: the second run changed nothing"
if [[ ${OC_DEMO_KEEP:-0} != 1 ]]; then
    docker images --format '{{.Repository}}:{{.Tag}}' | grep -E "^($apex_src|$apex_local)/" | xargs -r docker rmi >/dev/null 2>&1 || true
fi

# --- 4. a real OpenStack control plane ----------------------------------------------------------------------
say "4. a real OpenStack control plane: Keystone and Placement on MariaDB and memcached (scripts/demo-control-plane.sh)"
"$root/scripts/demo-control-plane.sh" "$demo_dir/control-plane"

# --- 5. the TripleO path ------------------------------------------------------------------------------------
say "5. the TripleO path: playbooks/deploy_steps.yaml (Puppet config, kolla_config, steps 1-5; scripts/demo-tripleo.sh)"
"$root/scripts/demo-tripleo.sh" "$demo_dir/tripleo"

echo "### demo done (images from: $mode)"
