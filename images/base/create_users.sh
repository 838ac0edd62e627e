#!/bin/sh
# create_users.sh NAME:UID:GID...: Kolla's fixed-id users and groups, before any service package (their
# maintainer scripts then reuse them). A user or group that exists already with another id (the Debian root
# file system ships mariadb-server) is renumbered and its files follow it.
set -eu
for entry in "$@"; do
    name=${entry%%:*} rest=${entry#*:}
    uid=${rest%%:*} gid=${rest#*:}
    old_gid=$(getent group "$name" | cut -d: -f3 || true)
    if [ -z "$old_gid" ]; then
        groupadd --gid "$gid" "$name"
    elif [ "$old_gid" != "$gid" ]; then
        groupmod --gid "$gid" "$name"
        find / -xdev -gid "$old_gid" -exec chgrp -h "$gid" {} +
    fi
    old_uid=$(id -u "$name" 2>/dev/null || true)
    if [ -z "$old_uid" ]; then
        useradd --uid "$uid" --gid "$gid" --home-dir "/var/lib/$name" --no-create-home \
            --shell /usr/sbin/nologin "$name"
    elif [ "$old_uid" != "$uid" ]; then
        usermod --uid "$uid" --gid "$gid" "$name"
        find / -xdev -uid "$old_uid" -exec chown -h "$uid" {} +
    fi
done
