# keystone-ssh's hook (Kolla's keystone/keystone-ssh/extend_start.sh), sourced by kolla_extend_start: sshd's
# privilege separation directory.
if [ ! -d /run/sshd ]; then
    mkdir -p -m 0755 /run/sshd
fi
