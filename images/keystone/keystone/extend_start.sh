# keystone's hook (Kolla's keystone/keystone-api/extend_start.sh in POSIX sh), sourced by kolla_extend_start.
# KOLLA_BOOTSTRAP / KOLLA_UPGRADE / KOLLA_FINISH_UPGRADE (set, even empty) run the database migration as the
# keystone user and exit: db_sync; db_sync --expand then --migrate; db_sync --contract.

log_dir=/var/log/kolla/keystone
[ -d "$log_dir" ] || mkdir -p "$log_dir"
[ "$(stat -c %U:%G "$log_dir")" = keystone:kolla ] || chown keystone:kolla "$log_dir"
[ -f "$log_dir/keystone.log" ] || touch "$log_dir/keystone.log"
[ "$(stat -c %U:%G "$log_dir/keystone.log")" = keystone:keystone ] || chown keystone:keystone "$log_dir/keystone.log"
[ "$(stat -c %a "$log_dir")" = 755 ] || chmod 755 "$log_dir"

EXTRA_KEYSTONE_MANAGE_ARGS=${EXTRA_KEYSTONE_MANAGE_ARGS-}
if [ -n "${KOLLA_BOOTSTRAP+x}" ]; then
    # shellcheck disable=SC2086  # extra arguments are words
    sudo -H -u keystone keystone-manage ${EXTRA_KEYSTONE_MANAGE_ARGS} db_sync
    exit 0
fi
if [ -n "${KOLLA_UPGRADE+x}" ]; then
    # shellcheck disable=SC2086
    sudo -H -u keystone keystone-manage ${EXTRA_KEYSTONE_MANAGE_ARGS} db_sync --expand
    # shellcheck disable=SC2086
    sudo -H -u keystone keystone-manage ${EXTRA_KEYSTONE_MANAGE_ARGS} db_sync --migrate
    exit 0
fi
if [ -n "${KOLLA_FINISH_UPGRADE+x}" ]; then
    # shellcheck disable=SC2086
    sudo -H -u keystone keystone-manage ${EXTRA_KEYSTONE_MANAGE_ARGS} db_sync --contract
    exit 0
fi
