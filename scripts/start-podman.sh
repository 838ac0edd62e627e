#!/usr/bin/env bash
# Makes sure Podman's Docker-compatible API answers on /run/podman/podman.sock, if Podman is
# installed; starts `podman system service` if not. Idempotent, and optional: without podman (or
# without root) it says so and exits 0, and the Podman live tests skip.
#
#   scripts/start-podman.sh        (run by scripts/test.sh before the Swift tests)
#
# A service that answers `GET /_ping` is left alone. Otherwise `podman system service --time=0` is
# started in the background, detached from this shell, logging to /tmp/oc-podman.log, its pid in
# /run/podman/oc-podman-service.pid (a service already starting is just waited for). It reads its own
# containers.conf (CONTAINERS_CONF; the host's /etc/containers is not touched) with
# `default_ulimits = []`: Podman's built-in default raises nproc, which fails where the service
# lacks CAP_SYS_RESOURCE (containers in containers). Waits up to OC_PODMAN_WAIT seconds (default
# 30) and fails with the end of the log if a started service never answers.
# Overrides: OC_PODMAN_SOCK, OC_PODMAN_LOG, OC_PODMAN_CONF.
set -euo pipefail

sock=${OC_PODMAN_SOCK:-/run/podman/podman.sock}
log_file=${OC_PODMAN_LOG:-/tmp/oc-podman.log}
conf=${OC_PODMAN_CONF:-/tmp/oc-podman-containers.conf}
pidfile=$(dirname "$sock")/oc-podman-service.pid
wait_secs=${OC_PODMAN_WAIT:-30}
log() { printf 'start-podman: %s\n' "$*" >&2; }

answers() {
    [[ -S $sock ]] && [[ $(curl -s --max-time 3 --unix-socket "$sock" http://localhost/_ping 2>/dev/null) == OK ]]
}

if answers; then
    log "podman answers on $sock"
    exit 0
fi
if ! command -v podman >/dev/null 2>&1; then
    log "podman is not installed: Podman live tests will be skipped (apt-get install podman)"
    exit 0
fi
if [[ $(id -u) != 0 ]]; then
    log "starting the rootful Podman service needs root: Podman live tests will be skipped"
    exit 0
fi

running_pid() {
    local pid
    pid=$(cat "$pidfile" 2>/dev/null) || return 1
    [[ -n $pid && -r /proc/$pid/comm && $(cat "/proc/$pid/comm") == podman ]] && echo "$pid"
}

start() {
    mkdir -p "$(dirname "$sock")"
    printf '[containers]\ndefault_ulimits = []\n' >"$conf"
    log "starting podman system service on $sock (log: $log_file)"
    CONTAINERS_CONF=$conf setsid nohup podman system service --time=0 "unix://$sock" </dev/null >"$log_file" 2>&1 &
    pid=$!
    echo "$pid" >"$pidfile"
}

# A service found running may be shutting down rather than starting: if it exits, start one.
ours=0
if pid=$(running_pid); then
    log "podman service (pid $pid) is running but not answering yet; waiting"
else
    start
    ours=1
fi

for ((i = 0; i < wait_secs * 10; i++)); do
    if answers; then
        log "podman answers on $sock after $(((i + 1) / 10)) s"
        exit 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        if ((ours == 0)); then
            log "podman service (pid $pid) exited without answering"
            start
            ours=1
            continue
        fi
        log "podman service (pid $pid) exited; end of $log_file:"
        tail -n 30 "$log_file" >&2 2>/dev/null || true
        exit 1
    fi
    sleep 0.1
done
log "podman did not answer on $sock within $wait_secs s; end of $log_file:"
tail -n 30 "$log_file" >&2 2>/dev/null || true
exit 1
