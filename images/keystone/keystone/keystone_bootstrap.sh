#!/bin/bash
# kolla_keystone_bootstrap USER PASS PROJECT ROLE [ADMIN_URL] INTERNAL_URL PUBLIC_URL REGION
# Kolla's keystone_bootstrap.sh for Zed's keystone-manage: `keystone-manage bootstrap` with service name
# keystone (the admin URL is accepted and ignored; an empty PASS takes $OS_BOOTSTRAP_PASSWORD, and the password
# travels in the environment, never on argv). Prints {"failed": BOOL, "changed": BOOL}. Zed logs `Created ...`,
# `Reset password ...` when it creates or resets something, which is what `changed` counts here (Kolla 23's
# wrapper counts "already exists" lines that Zed does not print; an endpoint URL change is logged as
# "endpoint updated" on every run, changed or not, so it is not detected).
set -uo pipefail
if [ $# -eq 7 ]; then
    set -- "$1" "$2" "$3" "$4" "" "$5" "$6" "$7"
fi
if [ $# -ne 8 ]; then
    echo '{"failed": true, "changed": false, "msg": "usage: kolla_keystone_bootstrap USER PASS PROJECT ROLE [ADMIN_URL] INTERNAL_URL PUBLIC_URL REGION"}'
    exit 1
fi
username=$1 password=$2 project=$3 role=$4 internal_url=$6 public_url=$7 region=$8
export OS_BOOTSTRAP_PASSWORD=${password:-${OS_BOOTSTRAP_PASSWORD:-}}
# keystone-manage logs to keystone.conf's log_file; this run's lines go to a file of its own, then are parsed.
log=$(mktemp /tmp/keystone-bootstrap.XXXXXX) && chown keystone "$log" || { echo '{"failed": true, "changed": false}'; exit 1; }
trap 'rm -f "$log"' EXIT
output=$(sudo -H -u keystone --preserve-env=OS_BOOTSTRAP_PASSWORD keystone-manage --log-file "$log" bootstrap \
    --bootstrap-username "$username" --bootstrap-project-name "$project" --bootstrap-role-name "$role" \
    --bootstrap-service-name keystone --bootstrap-internal-url "$internal_url" \
    --bootstrap-public-url "$public_url" --bootstrap-region-id "$region" 2>&1)
rc=$?
if [ $rc -ne 0 ]; then
    printf '%s\n' "$output" >&2
    cat "$log" >&2
    echo '{"failed": true, "changed": false}'
    exit 1
fi
# Zed logs "Granted role admin on the system" and "<interface> endpoint updated" on every run, so only
# creations and password resets count as changes.
if grep -Eq 'keystone\.cmd\.bootstrap .*\] (Created |Reset password)' "$log"; then
    echo '{"failed": false, "changed": true}'
else
    echo '{"failed": false, "changed": false}'
fi
