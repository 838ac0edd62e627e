# placement's hook (Kolla's placement/placement-base/extend_start.sh in POSIX sh), sourced by kolla_extend_start.
# KOLLA_BOOTSTRAP: db sync + online_data_migrations; KOLLA_UPGRADE: db sync; KOLLA_OSM: online_data_migrations;
# each (set, even empty) exits after its commands. As Kolla, placement-manage runs as the container's user.

log_dir=/var/log/kolla/placement
[ -d "$log_dir" ] || mkdir -p "$log_dir"
[ "$(stat -c %U:%G "$log_dir")" = placement:kolla ] || chown placement:kolla "$log_dir"
[ "$(stat -c %a "$log_dir")" = 755 ] || chmod 755 "$log_dir"

if [ -n "${KOLLA_BOOTSTRAP+x}" ]; then
    placement-manage db sync
    placement-manage db online_data_migrations
    exit 0
fi
if [ -n "${KOLLA_UPGRADE+x}" ]; then
    placement-manage db sync
    exit 0
fi
if [ -n "${KOLLA_OSM+x}" ]; then
    placement-manage db online_data_migrations
    exit 0
fi
