#!/usr/bin/env bash
# Prints a multi-call binary's size (overcloud-node by default, or overcloud-deploy), start time and glibc floor; fails when the binary needs a
# glibc newer than 2.34 (RHEL/Rocky 9) or is over the size budget (node 10 MB, deploy 32 MB).
#   scripts/check-binary.sh [BINARY]
set -euo pipefail
BIN="${1:-.build-release/release/overcloud-node}"
# overcloud-node: 10 MB. overcloud-deploy links async-http-client (NIO, BoringSSL for TLS): 32 MB.
case "$(basename "$BIN")" in
    overcloud-deploy*) MAX_BYTES=$((32 * 1000 * 1000)) ;;
    *) MAX_BYTES=$((10 * 1000 * 1000)) ;;
esac
GLIBC_FLOOR="2.34"

[ -x "$BIN" ] || { echo "check-binary: $BIN is missing (build it first)" >&2; exit 1; }

size=$(stat -c %s "$BIN")
floor=$(objdump -T "$BIN" | grep -o 'GLIBC_2\.[0-9]*' | sed 's/GLIBC_//' | sort -V | tail -1)
libs=$(objdump -p "$BIN" | awk '/NEEDED/ {print $2}' | sort | tr '\n' ' ')

args=$(mktemp)
trap 'rm -f "$args"' EXIT
module=$("$BIN" --list-modules | head -n 1)   # the trivial task runs the binary's first module
echo "{\"_ansible_module_name\": \"$module\", \"dest\": \"/nonexistent/x\", \"_ansible_check_mode\": true}" > "$args"
# Mean wall time of 200 runs of a trivial task (one process each).
start_ms=$(python3 - "$BIN" "$args" <<'PY'
import subprocess, sys, time
cmd = [sys.argv[1], sys.argv[2]]
for _ in range(20): subprocess.run(cmd, capture_output=True)
n = 200; t = time.perf_counter()
for _ in range(n): subprocess.run(cmd, capture_output=True)
print(f"{(time.perf_counter() - t) / n * 1000:.2f}")
PY
)

printf 'binary       %s\n' "$BIN"
printf 'size         %s bytes (budget %s)\n' "$size" "$MAX_BYTES"
printf 'start+run    %s ms per trivial task (target <= 5 ms; includes fork/exec from Python)\n' "$start_ms"
printf 'glibc floor  GLIBC_%s (must be <= %s)\n' "$floor" "$GLIBC_FLOOR"
printf 'needs        %s\n' "$libs"

status=0
if [ "$(printf '%s\n%s\n' "$floor" "$GLIBC_FLOOR" | sort -V | tail -1)" != "$GLIBC_FLOOR" ]; then
    echo "check-binary: FAIL: needs GLIBC_$floor, newer than $GLIBC_FLOOR (EL9 targets would fail)" >&2
    status=1
fi
if [ "$size" -gt "$MAX_BYTES" ]; then
    echo "check-binary: FAIL: $size bytes is over the $MAX_BYTES budget" >&2
    status=1
fi
# The deploy binary may also need zlib (async-http-client's decompression support): libz.so.1 is part of every
# EL9 and Debian base system (rpm and dpkg need it).
extra_libs=""
case "$(basename "$BIN")" in overcloud-deploy*) extra_libs="libz.so.1" ;; esac
for lib in $libs; do
    case " $extra_libs " in *" $lib "*) continue ;; esac
    case "$lib" in libc.so.6|libm.so.6|libstdc++.so.6|libgcc_s.so.1|ld-linux-x86-64.so.2) ;;
        *) echo "check-binary: FAIL: depends on $lib (only libc, libm, libstdc++, libgcc_s allowed)" >&2; status=1 ;;
    esac
done
exit $status
