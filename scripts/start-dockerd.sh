#!/usr/bin/env bash
# Makes sure a Docker daemon answers on /var/run/docker.sock; starts one if not. Idempotent.
#
#   scripts/start-dockerd.sh        (run by scripts/test.sh before the tests that need Docker)
#
# A daemon that answers `GET /_ping` is left alone. Otherwise, if no dockerd is running, one is
# started in the background, detached from this shell (`setsid nohup dockerd`), logging to
# /tmp/oc-dockerd.log; a dockerd that is already starting is just waited for. Waits up to
# OC_DOCKERD_WAIT seconds (default 60) and fails with the end of the log if it never answers.
# Needs root and the docker.io package (scripts/setup.sh installs it).
#
# For testing this script against a second daemon: OC_DOCKERD_SOCK, OC_DOCKERD_PIDFILE,
# OC_DOCKERD_LOG and OC_DOCKERD_ARGS (extra dockerd arguments; -H and --pidfile are added
# when the socket or pid file is not the default). Give a second daemon its own --data-root,
# --exec-root and a bridge of its own (--bridge <name>): with `--bridge none` dockerd deletes the
# host's docker0, which the first daemon's bridge network needs.
set -euo pipefail

sock=${OC_DOCKERD_SOCK:-/var/run/docker.sock}
pidfile=${OC_DOCKERD_PIDFILE:-/var/run/docker.pid}
log_file=${OC_DOCKERD_LOG:-/tmp/oc-dockerd.log}
wait_secs=${OC_DOCKERD_WAIT:-60}
args=()
[[ $sock == /var/run/docker.sock ]] || args+=(-H "unix://$sock")
[[ $pidfile == /var/run/docker.pid ]] || args+=(--pidfile "$pidfile")
read -ra extra <<<"${OC_DOCKERD_ARGS:-}"
args+=(${extra[@]+"${extra[@]}"})
log() { printf 'start-dockerd: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

answers() {
    [[ -S $sock ]] || return 1
    if command -v curl >/dev/null 2>&1; then
        [[ $(curl -s --max-time 3 --unix-socket "$sock" http://localhost/_ping 2>/dev/null) == OK ]]
    else
        timeout 5 docker -H "unix://$sock" version >/dev/null 2>&1
    fi
}

if answers; then
    log "dockerd answers on $sock"
    exit 0
fi

# A dockerd that is running (pid file points at a live dockerd) may still be starting up.
running_pid() {
    local pid
    pid=$(cat "$pidfile" 2>/dev/null) || return 1
    [[ -n $pid && -r /proc/$pid/comm && $(cat "/proc/$pid/comm") == dockerd ]] && echo "$pid"
}

if pid=$(running_pid); then
    log "dockerd (pid $pid) is running but not answering yet; waiting"
else
    command -v dockerd >/dev/null 2>&1 || die "dockerd not found: install docker.io (scripts/setup.sh)"
    [[ $(id -u) == 0 ]] || die "dockerd is not running and starting it needs root"
    log "starting dockerd (log: $log_file)"
    setsid nohup dockerd ${args[@]+"${args[@]}"} </dev/null >"$log_file" 2>&1 &
    pid=$!
fi

for ((i = 0; i < wait_secs * 2; i++)); do
    if answers; then
        log "dockerd answers on $sock after $(((i + 1) / 2)) s"
        exit 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        log "dockerd (pid $pid) exited; end of $log_file:"
        tail -n 30 "$log_file" >&2 2>/dev/null || true
        exit 1
    fi
    sleep 0.5
done
log "dockerd did not answer on $sock within $wait_secs s; end of $log_file:"
tail -n 30 "$log_file" >&2 2>/dev/null || true
exit 1
