# rabbitmq's hook, sourced by kolla_extend_start: its log directory; KOLLA_BOOTSTRAP (set, even empty) exits 0
# (Kolla's rabbitmq bootstrap only prepares the data directory, which the image already owns).
if [ ! -d /var/log/kolla/rabbitmq ]; then
    mkdir -p /var/log/kolla/rabbitmq
fi
if [ -n "${KOLLA_BOOTSTRAP+x}" ]; then
    exit 0
fi
