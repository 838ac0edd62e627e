#!/usr/bin/env bash
# The demo's TripleO chapter: playbooks/deploy_steps.yaml deploys Keystone on MariaDB and memcached the TripleO way:
#   hieradata from the services' config_settings -> puppet_config (real Puppet, puppet-module-keystone, in a config
#   container) -> kolla_config files -> steps 1-5 (tripleo_container_manage; MariaDB's init tasks by Puppet on the
#   bootstrap node) -> Keystone issues a token (`openstack token issue` with the kolla-toolbox image's client)
#   -> the playbook again (nothing changes) -> a hiera value changed (ExtraConfig keystone::token_expiration): only
#   Keystone's config volume regenerated, only its containers recreated -> cleanup.
# Services on 127.0.0.1 (Keystone 35000, MariaDB 33306, memcached 31211), containers oc-tq-demo-*, every host path
# under WORK_DIR/root.
#   scripts/demo-tripleo.sh [WORK_DIR]   (run by scripts/demo.sh; needs the collection installed in
#                                         ANSIBLE_COLLECTIONS_PATH; OC_DEMO_KEEP=1 keeps the services)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${1:-/tmp/overcloud-demo/tripleo}
OC_VENV=${OC_VENV:-/tmp/oc-venv}
prefix=oc-tq-demo-
keystone=http://127.0.0.1:35000
say() { printf '\n### %s\n' "$*"; }
ours() { docker ps -aq --filter "name=^/$prefix"; }
started() { docker ps -a --filter "name=^/$prefix" --format '{{.Names}}|{{.Status}}|{{.ID}}' | sort | column -t -s '|'; }
cleanup() { ours | xargs -r docker rm -f >/dev/null; rm -rf "$work"; }
deploy() {
    "$OC_VENV/bin/ansible-playbook" -i localhost, -c local -e "ansible_python_interpreter=$OC_VENV/bin/python" \
        -e "@$work/vars.json" "$@" "$root/playbooks/deploy_steps.yaml" >"$work/last-run.log" 2>&1 ||
        { tail -n 40 "$work/last-run.log" >&2; exit 1; }
    # The tasks that changed something, then the recap and the token line.
    awk '/^TASK \[/ {task = $0; sub(/^TASK \[(overcloud.containers.tripleo_container_steps : )?/, "", task); sub(/\] \*+$/, "", task)}
         /^changed:/ && task != "" {print "  changed: " task; task = ""}
         /^localhost +:/ {print}
         /issued a token/ {sub(/^ *"msg": /, "  "); print}' "$work/last-run.log"
}

cleanup
mkdir -p "$work"
cat >"$work/vars.json" <<VARS
{"tripleo_root": "$work/root", "tripleo_name_prefix": "$prefix", "tripleo_keystone_port": 35000,
 "tripleo_mysql_port": 33306, "tripleo_memcached_port": 31211, "tripleo_stop_grace_period": 2}
VARS

say "5a. the config image (Debian's puppet-agent + puppet-module-keystone) and the service images are local"
"$root/scripts/fixtures/tripleo-config-image.sh" 2>/dev/null
docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^overcloud/(keystone|mariadb-server|memcached):zed-1 '

say "5b. deploy_steps: hieradata -> Puppet config generation -> kolla_config -> steps 1-5 -> a token"
time deploy
started
echo "--- Puppet wrote Keystone's configuration from the hieradata (config-data/puppet-generated/keystone):"
grep -E '^(connection|memcache_servers|expiration|provider) ?=' "$work/root/var/lib/config-data/puppet-generated/keystone/etc/keystone/keystone.conf" |
    sed 's#//keystone:[^@]*@#//keystone:***@#'

say "5c. Keystone answers: openstack token issue (the kolla-toolbox image's client, host network)"
password=$(sed -n 's/^admin_password: //p' "$work/root/etc/tripleo/passwords.yml")
OS_PASSWORD=$password docker run --rm --network host -e OS_PASSWORD -e OS_AUTH_URL=$keystone/v3 -e OS_USERNAME=admin \
    -e OS_PROJECT_NAME=admin -e OS_USER_DOMAIN_NAME=Default -e OS_PROJECT_DOMAIN_NAME=Default \
    overcloud/kolla-toolbox:zed-1 openstack token issue -c expires -c project_id -c user_id -f shell

say "5d. the playbook again: nothing changes, nothing restarts"
deploy

say "5e. a hiera value changed (ExtraConfig keystone::token_expiration: 7200): only keystone's volume and containers"
printf '%s' '{"tripleo_extraconfig": {"keystone::token_expiration": 7200}}' >"$work/extra.json"
deploy -e "@$work/extra.json"
started
grep -E '^expiration ?=' "$work/root/var/lib/config-data/puppet-generated/keystone/etc/keystone/keystone.conf"

if [[ ${OC_DEMO_KEEP:-0} != 1 ]]; then
    say "cleanup: the containers and $work"
    cleanup
fi
