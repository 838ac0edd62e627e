#!/usr/bin/env bash
# The demo's real-OpenStack chapter: MariaDB, memcached, Keystone and Placement from the image tree (images/,
# tags zed-1 and zed-2) through the Kolla-style roles and scripts/overcloud-containers:
#   deploy -> `openstack token issue` / `openstack endpoint list` (the kolla-toolbox image's client) -> Placement
#   answers with a token -> deploy again (nothing changes) -> reconfigure [token] expiration (only keystone
#   restarts) -> upgrade to zed-2 (a token from before still validates) -> destroy.
# Services on 127.0.0.1 (Keystone 25000, Placement 28780, MariaDB 23306, memcached 21211), names oc-cp-demo-*.
#   scripts/demo-control-plane.sh [WORK_DIR]    (run by scripts/demo.sh; needs the collection installed in
#                                                ANSIBLE_COLLECTIONS_PATH; OC_DEMO_KEEP=1 keeps the services)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${1:-/tmp/overcloud-demo/control-plane}
etc=$work/etc
keystone=http://127.0.0.1:25000 placement=http://127.0.0.1:28780
say() { printf '\n### %s\n' "$*"; }
oc() { "$root/scripts/overcloud-containers" "$1" --configdir "$etc" "${@:2}"; }
recap() { grep -E '^(fatal|localhost )|ERROR' || true; }
# The containers with their image, state and start time (StartedAt: a restart changes it, the clock does not).
started() {
    local names
    names=$(docker ps -aq --filter name=^/oc-cp-demo-)
    [[ -z $names ]] || docker inspect -f '{{.Name}} {{.Config.Image}} {{.State.Status}} {{.State.StartedAt}}' $names |
        sed 's|^/||' | sort | column -t
}
# restarted BEFORE: the containers whose start time changed since BEFORE (an output of started).
restarted() { diff <(echo "$1") <(started) | sed -n 's/^> \([^ ]*\) .*/\1/p' | paste -sd ' '; }
ours() { echo "containers: $(docker ps -aq --filter name=^/oc-cp-demo- | wc -l), volumes: $(docker volume ls -q --filter name=^oc-cp-demo- | wc -l)"; }

if [[ -f $etc/globals.yml ]]; then oc destroy -e openstack_tag=zed-2 --yes-i-really-really-mean-it >/dev/null 2>&1 || true; fi
rm -rf "$work" && mkdir -p "$etc/config"
cat >"$etc/globals.yml" <<GLOBALS
node_config_directory: $work/node
kolla_name_prefix: oc-cp-demo-
docker_namespace: overcloud
openstack_tag: zed-1
mariadb_image: "{{ docker_image_url }}mariadb-server"
memcached_image: "{{ docker_image_url }}memcached"
enable_demo_api: false
enable_keystone: true
enable_placement: true
keystone_public_port: 25000
placement_api_port: 28780
database_port: 23306
memcached_port: 21211
default_container_healthcheck_interval: 2
service_wait_timeout: 240
GLOBALS
for name in database_password keystone_admin_password keystone_database_password placement_database_password \
    placement_keystone_password; do
    printf '%s: %s\n' "$name" "$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
done >"$etc/passwords.yml"
admin_password=$(sed -n 's/^keystone_admin_password: //p' "$etc/passwords.yml")

say "4a. images: the OpenStack images of the tree (Debian bookworm's Zed packages), zed-1 and zed-2"
"$root/scripts/images.sh" -p default 2>&1 | tail -n 12

say "4b. deploy: mariadb, memcached, keystone (db_sync, fernet keys, bootstrap), placement (registered in Keystone)"
oc deploy 2>&1 | recap
started
openstack() {
    OS_PASSWORD=$admin_password docker run --rm --network host -e OS_PASSWORD -e OS_AUTH_URL=$keystone/v3 \
        -e OS_USERNAME=admin -e OS_PROJECT_NAME=admin -e OS_USER_DOMAIN_NAME=Default -e OS_PROJECT_DOMAIN_NAME=Default \
        -e OS_INTERFACE=internal overcloud/kolla-toolbox:zed-1 openstack "$@"
}
token() {  # a project-scoped admin token; prints the header line and the lifetime
    # The body (with the password) on stdin, not on curl's command line.
    printf '%s' '{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin", "domain": {"name": "Default"}, "password": "'"$admin_password"'"}}}, "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}}' |
        curl -s -D - -o "$work/token.json" -H 'Content-Type: application/json' "$keystone/v3/auth/tokens" --data-binary @- |
        sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: \([^\r]*\).*/\1/p'
}
say "4c. the OpenStack client (kolla-toolbox image): openstack token issue, openstack endpoint list"
openstack token issue -c expires -c project_id -c user_id
openstack endpoint list -c 'Service Type' -c Interface -c URL
say "4c. Placement with a Keystone token: GET /resource_providers"
tok=$(token)
curl -s -w '  -> HTTP %{http_code}\n' -H "X-Auth-Token: $tok" -H 'OpenStack-API-Version: placement 1.39' "$placement/resource_providers"

say "4d. deploy again: nothing changes, nothing restarts"
before=$(started)
oc deploy 2>&1 | recap
if [[ $(started) == "$before" ]]; then echo "### no container restarted"; else echo "### containers restarted:"; started; exit 1; fi

say "4e. reconfigure one Keystone setting: [token] expiration = 900 in $etc/config/keystone.conf"
printf '[token]\nexpiration = 900\n' >"$etc/config/keystone.conf"
before=$(started)
oc reconfigure 2>&1 | recap
echo "### restarted: $(restarted "$before")"
token >/dev/null
"${OC_VENV:-/tmp/oc-venv}/bin/python" -c 'import json, sys, datetime as d; t = json.load(open(sys.argv[1]))["token"]; p = lambda s: d.datetime.fromisoformat(s.replace("Z", "+00:00")); print("### new token lifetime:", (p(t["expires_at"]) - p(t["issued_at"])).total_seconds(), "s")' "$work/token.json"

say "4f. upgrade to zed-2: the migrations run once with the new images; the fernet keys are kept"
old=$(token)
oc upgrade -e openstack_tag=zed-2 2>&1 | grep -E -A1 '^TASK .*Run the one-shot (KOLLA_UPGRADE|KOLLA_FINISH_UPGRADE|KOLLA_OSM) ' |
    grep -E '^(TASK|changed)' || true
started
new=$(token)
curl -s -o /dev/null -w '### the token issued before the upgrade validates: HTTP %{http_code}\n' \
    -H "X-Auth-Token: $new" -H "X-Subject-Token: $old" "$keystone/v3/auth/tokens"

if [[ ${OC_DEMO_KEEP:-0} == 1 ]]; then
    echo "### kept; Keystone at $keystone/v3 (admin, password in $etc/passwords.yml), Placement at $placement"
else
    say "4g. destroy: containers, volumes (fernet keys, database) and config directories of the deployment go"
    oc destroy -e openstack_tag=zed-2 --yes-i-really-really-mean-it 2>&1 | recap
    echo "### left of ours: $(ours); config directories: $(ls -A "$work/node" 2>/dev/null | wc -l)"
fi
