# memcached's hook, sourced by kolla_extend_start: its log directory (group kolla may write /var/log/kolla).
if [ ! -d /var/log/kolla/memcached ]; then
    mkdir -p /var/log/kolla/memcached
fi
