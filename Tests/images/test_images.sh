#!/usr/bin/env bash
# Live test of the image tree (images/, built as overcloud/<image>:<tag> by scripts/images.sh): the real services
# start from their images with a config.json, as a deployer would run them, and pass their healthchecks.
#   base            fixed ids, /var/log/kolla 2775, policy-rc.d, labels, dumb-init + kolla_start
#   mariadb-server  KOLLA_BOOTSTRAP on an empty volume, then the server (healthcheck: mariadb-admin ping)
#   kolla-toolbox   openstack / mysql clients; creates the keystone and placement databases in that server
#   keystone        KOLLA_BOOTSTRAP db_sync, fernet_setup, uWSGI (keystone-wsgi-public) answering GET /v3,
#                   kolla_keystone_bootstrap, a token issued through the toolbox's `openstack`
#   placement-api   KOLLA_BOOTSTRAP db sync, uWSGI (placement-api) answering GET / and, with that token,
#                   GET /resource_providers
#   memcached, rabbitmq  start as their users and turn healthy
# No host port is used: every container runs with --network none, the API containers and the toolbox join the
# MariaDB container's network namespace (127.0.0.1 there), checks run with `docker exec`. Containers and
# volumes are named oc-imgtest-* and removed at the end. Skips (exit 0) when docker is not answering.
#   Tests/images/test_images.sh [TAG]        (default zed-1; OC_IMAGE_NAMESPACE, default overcloud)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

TAG=${1:-zed-1}
NS=${OC_IMAGE_NAMESPACE:-overcloud}
P=oc-imgtest-
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; return 1; }
expect_eq() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: expected '$3', got '$2'"; fi; }
expect_in() { case "$2" in *"$3"*) ok "$1" ;; *) bad "$1: '$3' not in: $2" ;; esac; }

if ! timeout 20 docker info >/dev/null 2>&1; then
    echo "SKIP: docker is not answering"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi
for image in base mariadb-server memcached rabbitmq kolla-toolbox keystone placement-api; do
    docker image inspect "$NS/$image:$TAG" >/dev/null 2>&1 || { echo "FAIL $NS/$image:$TAG is not built"; echo "0 passed, 1 failed"; exit 1; }
done

work=$(mktemp -d /tmp/oc-imgtest.XXXXXX)
containers=(db toolbox keystone placement memcached rabbitmq)
volumes=(db fernet)
cleanup() {
    local c
    # The one-shots too: one left by an interrupted run would block the next by its name.
    for c in "${containers[@]}"; do docker rm -f "$P$c" "$P$c-oneshot" >/dev/null 2>&1; done
    for c in "${volumes[@]}"; do docker volume rm -f "$P$c" >/dev/null 2>&1; done
    rm -rf "$work"
}
trap cleanup EXIT
cleanup
mkdir -p "$work"

secret() { head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'; }
DB_ROOT=$(secret) KS_DB=$(secret) PL_DB=$(secret) ADMIN=$(secret)

# run_kolla NAME IMAGE CONFIG_DIR [docker run args...]: a detached service container on the Kolla image API.
run_kolla() {
    local name=$1 image=$2 cfg=$3
    shift 3
    docker run -d --name "$P$name" -e KOLLA_CONFIG_STRATEGY=COPY_ALWAYS \
        -v "$cfg:/var/lib/kolla/config_files/:ro" "$@" "$NS/$image:$TAG" >/dev/null
}
# one_shot NAME IMAGE CONFIG_DIR ENV [docker run args...]: a Kolla one-shot (KOLLA_BOOTSTRAP...); prints its output.
one_shot() {
    local name=$1 image=$2 cfg=$3 env=$4
    shift 4
    docker run --rm --name "$P$name-oneshot" -e KOLLA_CONFIG_STRATEGY=COPY_ALWAYS -e "$env=" \
        -v "$cfg:/var/lib/kolla/config_files/:ro" "$@" "$NS/$image:$TAG" 2>&1
}
# wait_healthy NAME SECONDS: the container's docker healthcheck reports healthy.
wait_healthy() {
    local status="" i
    for i in $(seq $(($2 * 2))); do
        status=$(docker inspect -f '{{.State.Health.Status}}' "$P$1" 2>/dev/null)
        [ "$status" = healthy ] && break
        sleep 0.5
    done
    echo "$status"
}
# http NAME URL [curl args]: status code and body of a request made inside container NAME.
http() {
    local name=$1 url=$2
    shift 2
    docker exec "$P$name" curl -s --max-time 10 -w '\n%{http_code}' "$@" "$url" 2>&1
}
# wait_http NAME URL: up to 300 s for an answer (any status) while the container runs (uWSGI loads the
# application lazily: slow on a busy machine).
wait_http() {
    local deadline=$((SECONDS + 300))
    while [ $SECONDS -lt $deadline ]; do
        [ "$(docker inspect -f '{{.State.Running}}' "$P$1" 2>/dev/null)" = true ] || return 1
        [ "$(docker exec "$P$1" curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$2" 2>/dev/null)" != 000 ] && return 0
        sleep 1
    done
    return 1
}
tail_logs() { echo "--- $1"; docker logs "$P$1" 2>&1 | tail -n 30; }

# --- base ----------------------------------------------------------------------------------------------
out=$(docker run --rm --network none --entrypoint /bin/sh "$NS/base:$TAG" -c '
    for u in kolla ansible keystone mysql rabbitmq memcached placement fluentd; do printf "%s=%s:%s " $u $(id -u $u) $(id -g $u); done
    echo; stat -c "%a %G" /var/log/kolla; cat /usr/sbin/policy-rc.d | tail -n 1
    grep -E "^LAST_SYSTEM_(U|G)ID" /etc/adduser.conf | tr "\n" " "; echo
    ls /usr/local/bin | tr "\n" " "; echo')
expect_in "base: Kolla's fixed ids" "$out" \
    "kolla=42400:42400 ansible=42401:42401 keystone=42425:42425 mysql=42434:42434 rabbitmq=42439:42439 memcached=42457:42457 placement=42482:42482 fluentd=42474:42474"
expect_in "base: /var/log/kolla 2775 group kolla" "$out" "2775 kolla"
expect_in "base: policy-rc.d denies service starts" "$out" "exit 101"
expect_in "base: system ids up to 59999" "$out" "LAST_SYSTEM_UID=59999 LAST_SYSTEM_GID=59999"
expect_in "base: the Kolla image API" "$out" \
    "healthcheck_curl healthcheck_listen healthcheck_port healthcheck_tcp kolla_extend_start kolla_set_configs kolla_start"
expect_eq "base: entrypoint and command" \
    "$(docker image inspect -f '{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{.Config.Labels.name}}' "$NS/base:$TAG")" \
    '["dumb-init","--single-child","--"] ["kolla_start"] base'
expect_eq "keystone: labels name, version, release" \
    "$(docker image inspect -f '{{.Config.Labels.name}} {{.Config.Labels.version}}-{{.Config.Labels.release}} {{.Config.Labels.kolla_version}}' "$NS/keystone:$TAG")" \
    "keystone $TAG $(docker image inspect -f '{{.Config.Labels.kolla_version}}' "$NS/base:$TAG")"
expect_eq "keystone: /etc/overcloud-release" \
    "$(docker run --rm --network none --entrypoint cat "$NS/keystone:$TAG" /etc/overcloud-release)" "$TAG"

# --- mariadb-server --------------------------------------------------------------------------------------
cfg=$work/mariadb && mkdir -p "$cfg"
cat >"$cfg/config.json" <<'JSON'
{"command": "mariadbd --defaults-file=/etc/mysql/my.cnf --user=mysql",
 "config_files": [
  {"source": "/var/lib/kolla/config_files/my.cnf", "dest": "/etc/mysql/my.cnf", "owner": "mysql:mysql", "perm": "0600"},
  {"source": "/var/lib/kolla/config_files/root.cnf", "dest": "/root/.my.cnf", "owner": "root:root", "perm": "0600"}]}
JSON
cat >"$cfg/my.cnf" <<'CNF'
[client]
socket = /run/mysqld/mysqld.sock
[mysqld]
bind-address = 127.0.0.1
port = 3306
socket = /run/mysqld/mysqld.sock
datadir = /var/lib/mysql
log-error = /var/log/kolla/mariadb/mariadb.log
skip-name-resolve = 1
innodb_buffer_pool_size = 32M
CNF
printf '[client]\nuser = root\npassword = %s\n' "$DB_ROOT" >"$cfg/root.cnf"
out=$(one_shot db mariadb-server "$cfg" KOLLA_BOOTSTRAP --network none -v "${P}db:/var/lib/mysql")
expect_in "mariadb-server: KOLLA_BOOTSTRAP initialises the volume" "$out" "mariadb: bootstrap done"
run_kolla db mariadb-server "$cfg" --network none -v "${P}db:/var/lib/mysql" \
    --health-cmd "mariadb-admin --connect-timeout=5 ping" --health-interval 1s --health-start-period 30s
expect_eq "mariadb-server: healthy" "$(wait_healthy db 60)" healthy || tail_logs db

# --- kolla-toolbox: clients, then the databases ------------------------------------------------------------------
cfg=$work/toolbox && mkdir -p "$cfg"
echo '{"command": "sleep infinity", "config_files": []}' >"$cfg/config.json"
run_kolla toolbox kolla-toolbox "$cfg" --network "container:${P}db"
expect_in "kolla-toolbox: openstack --version" "$(docker exec "${P}toolbox" openstack --version 2>&1)" "openstack 6."
expect_in "kolla-toolbox: mysql --version" "$(docker exec "${P}toolbox" mysql --version 2>&1)" "MariaDB"
expect_eq "kolla-toolbox: runs as ansible" "$(docker exec "${P}toolbox" id -un)" ansible
out=$(docker exec -i "${P}toolbox" mysql -h 127.0.0.1 -u root "-p$DB_ROOT" 2>&1 <<SQL
CREATE DATABASE IF NOT EXISTS keystone;
CREATE USER IF NOT EXISTS 'keystone'@'%' IDENTIFIED BY '$KS_DB';
GRANT ALL PRIVILEGES ON keystone.* TO 'keystone'@'%';
CREATE DATABASE IF NOT EXISTS placement;
CREATE USER IF NOT EXISTS 'placement'@'%' IDENTIFIED BY '$PL_DB';
GRANT ALL PRIVILEGES ON placement.* TO 'placement'@'%';
SELECT 'databases created';
SQL
)
expect_in "kolla-toolbox: creates the service databases over TCP" "$out" "databases created"

# --- keystone ---------------------------------------------------------------------------------------------
cfg=$work/keystone && mkdir -p "$cfg"
cat >"$cfg/config.json" <<'JSON'
{"command": "uwsgi /etc/keystone/keystone-api-uwsgi.ini",
 "config_files": [
  {"source": "/var/lib/kolla/config_files/keystone.conf", "dest": "/etc/keystone/keystone.conf", "owner": "keystone", "perm": "0600"},
  {"source": "/var/lib/kolla/config_files/keystone-api-uwsgi.ini", "dest": "/etc/keystone/keystone-api-uwsgi.ini", "owner": "keystone", "perm": "0600"}],
 "permissions": [{"path": "/var/log/kolla/keystone", "owner": "keystone:kolla", "recurse": true}]}
JSON
cat >"$cfg/keystone.conf" <<CONF
[DEFAULT]
log_file = /var/log/kolla/keystone/keystone.log
[database]
connection = mysql+pymysql://keystone:$KS_DB@127.0.0.1:3306/keystone
max_retries = -1
[token]
provider = fernet
[fernet_tokens]
key_repository = /etc/keystone/fernet-keys
max_active_keys = 3
CONF
cat >"$cfg/keystone-api-uwsgi.ini" <<'INI'
[uwsgi]
http-socket = 127.0.0.1:35357
wsgi-file = /usr/bin/keystone-wsgi-public
plugins-dir = /usr/lib/uwsgi/plugins
plugins = python3
uid = keystone
gid = keystone
master = true
processes = 2
lazy-apps = true
die-on-term = true
buffer-size = 65535
# As the roles do: a client must not reuse a connection uWSGI's http-socket is closing (a reset, or a 503 in keystonemiddleware).
add-header = Connection: close
logto2 = /var/log/kolla/keystone/keystone-api-uwsgi.log
INI
out=$(one_shot keystone keystone "$cfg" KOLLA_BOOTSTRAP --network "container:${P}db")
rc=$?
expect_eq "keystone: KOLLA_BOOTSTRAP (db_sync) exits 0" "$rc" 0 || echo "$out" | tail -n 20
tables=$(docker exec "${P}db" mariadb -N -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'keystone'")
if [ "${tables:-0}" -gt 30 ]; then ok "keystone: db_sync created the schema ($tables tables)"; else bad "keystone: $tables tables after db_sync"; fi
out=$(one_shot keystone keystone "$cfg" KOLLA_UPGRADE --network "container:${P}db")
expect_eq "keystone: KOLLA_UPGRADE (expand + migrate) at head exits 0" "$?" 0 || echo "$out" | tail -n 20
out=$(one_shot keystone keystone "$cfg" KOLLA_FINISH_UPGRADE --network "container:${P}db")
expect_eq "keystone: KOLLA_FINISH_UPGRADE (contract) at head exits 0" "$?" 0 || echo "$out" | tail -n 20
# Kolla-Ansible's fernet_setup: kolla_set_configs, then keystone-manage, bypassing kolla_start.
out=$(docker run --rm --network "container:${P}db" -e KOLLA_CONFIG_STRATEGY=COPY_ALWAYS \
    -v "$cfg:/var/lib/kolla/config_files/:ro" -v "${P}fernet:/etc/keystone/fernet-keys" "$NS/keystone:$TAG" \
    bash -c 'sudo -E kolla_set_configs && keystone-manage --config-file /etc/keystone/keystone.conf fernet_setup --keystone-user keystone --keystone-group keystone && stat -c "%U %a" /etc/keystone/fernet-keys/0' 2>&1)
expect_in "keystone: fernet_setup writes key 0 (keystone, 600)" "$out" "keystone 600"
run_kolla keystone keystone "$cfg" --network "container:${P}db" -v "${P}fernet:/etc/keystone/fernet-keys" \
    --health-cmd "healthcheck_curl http://127.0.0.1:35357/v3" --health-interval 2s --health-start-period 60s
wait_http keystone http://127.0.0.1:35357/v3 || true
out=$(http keystone http://127.0.0.1:35357/v3)
expect_in "keystone: uWSGI answers GET /v3 with the version document" "$out" '"id": "v3.14"'
expect_eq "keystone: GET /v3 status" "$(echo "$out" | tail -n 1)" 200 || tail_logs keystone
expect_eq "keystone: healthy" "$(wait_healthy keystone 60)" healthy
expect_eq "keystone: uWSGI workers run as keystone" \
    "$(docker exec "${P}keystone" sh -c 'ps -o user= -C uwsgi | sort -u | tr "\n" " "')" "keystone "
out=$(docker exec -e OS_BOOTSTRAP_PASSWORD="$ADMIN" "${P}keystone" kolla_keystone_bootstrap admin "" admin admin \
    http://127.0.0.1:35357/v3 http://127.0.0.1:35357/v3 RegionOne 2>&1)
expect_eq "keystone: kolla_keystone_bootstrap creates the admin" "$(echo "$out" | tail -n 1)" '{"failed": false, "changed": true}'
out=$(docker exec -e OS_BOOTSTRAP_PASSWORD="$ADMIN" "${P}keystone" kolla_keystone_bootstrap admin "" admin admin \
    http://127.0.0.1:35357/v3 http://127.0.0.1:35357/v3 RegionOne 2>&1)
expect_eq "keystone: kolla_keystone_bootstrap again changes nothing" "$(echo "$out" | tail -n 1)" '{"failed": false, "changed": false}'
os_env=(-e OS_AUTH_URL=http://127.0.0.1:35357/v3 -e OS_USERNAME=admin -e "OS_PASSWORD=$ADMIN" -e OS_PROJECT_NAME=admin
        -e OS_USER_DOMAIN_NAME=Default -e OS_PROJECT_DOMAIN_NAME=Default -e OS_IDENTITY_API_VERSION=3 -e OS_INTERFACE=internal)
# os ARGS...: the toolbox's `openstack`, asked again (up to 3 times) only when the connection itself failed: on a
# loaded 2-core machine uWSGI has reset the first connections of a fresh keystone; any other answer counts.
os() {
    local out try
    for try in 1 2 3; do
        out=$(docker exec "${os_env[@]}" "${P}toolbox" openstack "$@" 2>&1)
        grep -qiE 'connection (reset|aborted|refused)|RemoteDisconnected' <<<"$out" || break
        echo "note: openstack $1 $2: connection failed (try $try), asking again" >&2
        sleep 2
    done
    printf '%s\n' "$out"
}
token=$(os token issue -f value -c id)
if [ ${#token} -gt 100 ] && [ "${token#gAAAA}" != "$token" ]; then ok "toolbox: openstack token issue gives a fernet token"; else bad "toolbox: token issue: $token"; fi
expect_in "toolbox: openstack endpoint list shows the bootstrap endpoints" \
    "$(os endpoint list -f value -c 'Service Name' -c Interface | sort | tr '\n' ' ')" \
    "keystone internal keystone public"

# --- placement-api -------------------------------------------------------------------------------------------
cfg=$work/placement && mkdir -p "$cfg"
cat >"$cfg/config.json" <<'JSON'
{"command": "uwsgi /etc/placement/placement-api-uwsgi.ini",
 "config_files": [
  {"source": "/var/lib/kolla/config_files/placement.conf", "dest": "/etc/placement/placement.conf", "owner": "placement", "perm": "0600"},
  {"source": "/var/lib/kolla/config_files/placement-api-uwsgi.ini", "dest": "/etc/placement/placement-api-uwsgi.ini", "owner": "placement", "perm": "0600"}],
 "permissions": [{"path": "/var/log/kolla/placement", "owner": "placement:kolla", "recurse": true}]}
JSON
cat >"$cfg/placement.conf" <<CONF
[DEFAULT]
log_file = /var/log/kolla/placement/placement-api.log
state_path = /var/lib/placement
[api]
auth_strategy = keystone
[placement_database]
connection = mysql+pymysql://placement:$PL_DB@127.0.0.1:3306/placement
max_retries = -1
[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:35357
auth_url = http://127.0.0.1:35357
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = admin
username = admin
password = $ADMIN
service_type = placement
CONF
cat >"$cfg/placement-api-uwsgi.ini" <<'INI'
[uwsgi]
http-socket = 127.0.0.1:8780
wsgi-file = /usr/bin/placement-api
plugins-dir = /usr/lib/uwsgi/plugins
plugins = python3
uid = placement
gid = placement
master = true
processes = 2
lazy-apps = true
die-on-term = true
buffer-size = 65535
# As the roles do: a client must not reuse a connection uWSGI's http-socket is closing (a reset, or a 503 in keystonemiddleware).
add-header = Connection: close
logto2 = /var/log/kolla/placement/placement-api-uwsgi.log
INI
out=$(one_shot placement placement-api "$cfg" KOLLA_BOOTSTRAP --network "container:${P}db")
expect_eq "placement-api: KOLLA_BOOTSTRAP (db sync + online migrations) exits 0" "$?" 0 || echo "$out" | tail -n 20
tables=$(docker exec "${P}db" mariadb -N -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'placement'")
if [ "${tables:-0}" -gt 5 ]; then ok "placement-api: db sync created the schema ($tables tables)"; else bad "placement-api: $tables tables after db sync"; fi
run_kolla placement placement-api "$cfg" --network "container:${P}db" \
    --health-cmd "healthcheck_curl http://127.0.0.1:8780" --health-interval 2s --health-start-period 60s
wait_http placement http://127.0.0.1:8780/ || true
out=$(http placement http://127.0.0.1:8780/)
expect_in "placement-api: uWSGI answers GET / with the version document" "$out" '"min_version": "1.0"'
expect_eq "placement-api: GET / status" "$(echo "$out" | tail -n 1)" 200 || tail_logs placement
expect_eq "placement-api: healthy" "$(wait_healthy placement 60)" healthy
expect_eq "placement-api: GET /resource_providers without a token is refused" \
    "$(http placement http://127.0.0.1:8780/resource_providers | tail -n 1)" 401
# The first authenticated request makes keystonemiddleware fetch its own token and validate ours (slow when busy).
# A 503 "Keystone service is temporarily unavailable" is the middleware not reaching keystone (seen under full
# load): asked again, up to 3 times; any other answer counts.
for try in 1 2 3; do
    out=$(http placement http://127.0.0.1:8780/resource_providers -H "X-Auth-Token: $token" --max-time 120)
    [ "$(echo "$out" | tail -n 1)" = 503 ] || break
    echo "note: placement answered 503 (try $try), asking again" >&2
    sleep 5
done
expect_in "placement-api: GET /resource_providers with the keystone token" "$out" '{"resource_providers": []}'

# --- memcached, rabbitmq ------------------------------------------------------------------------------------
cfg=$work/memcached && mkdir -p "$cfg"
echo '{"command": "memcached -l 127.0.0.1 -p 11211 -m 16 -c 64", "config_files": []}' >"$cfg/config.json"
run_kolla memcached memcached "$cfg" --network none \
    --health-cmd "healthcheck_listen memcached 11211" --health-interval 1s --health-start-period 20s
expect_eq "memcached: healthy (healthcheck_listen)" "$(wait_healthy memcached 30)" healthy || tail_logs memcached
expect_eq "memcached: runs as memcached" "$(docker exec "${P}memcached" sh -c 'ps -o user= -C memcached')" memcached
expect_eq "memcached: answers version" "$(docker exec "${P}memcached" healthcheck_tcp 127.0.0.1 11211 version VERSION)" \
    "OK 127.0.0.1:11211"

cfg=$work/rabbitmq && mkdir -p "$cfg"
cat >"$cfg/config.json" <<'JSON'
{"command": "/usr/lib/rabbitmq/bin/rabbitmq-server",
 "config_files": [
  {"source": "/var/lib/kolla/config_files/rabbitmq.conf", "dest": "/etc/rabbitmq/rabbitmq.conf", "owner": "rabbitmq", "perm": "0600"},
  {"source": "/var/lib/kolla/config_files/rabbitmq-env.conf", "dest": "/etc/rabbitmq/rabbitmq-env.conf", "owner": "rabbitmq", "perm": "0600"},
  {"source": "/var/lib/kolla/config_files/erlang.cookie", "dest": "/var/lib/rabbitmq/.erlang.cookie", "owner": "rabbitmq", "perm": "0400"}]}
JSON
printf 'listeners.tcp.1 = 127.0.0.1:5672\nloopback_users.guest = true\nlog.file = false\nlog.console = true\n' >"$cfg/rabbitmq.conf"
printf 'NODENAME=rabbit@localhost\n' >"$cfg/rabbitmq-env.conf"
secret >"$cfg/erlang.cookie"
run_kolla rabbitmq rabbitmq "$cfg" --network none --hostname localhost \
    --health-cmd healthcheck_rabbitmq --health-interval 2s --health-start-period 60s
expect_eq "rabbitmq: healthy (healthcheck_rabbitmq)" "$(wait_healthy rabbitmq 90)" healthy || tail_logs rabbitmq
expect_eq "rabbitmq: runs as rabbitmq" "$(docker exec "${P}rabbitmq" sh -c 'ps -o user= -C beam.smp')" rabbitmq

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
