#!/usr/bin/env bash
# Local registries for the image-copy tests and demos, all on 127.0.0.1 (Tests/registry/registries.py):
#   src 5150 (HTTP), dst 5151 (HTTP), tls 5152 (HTTPS, self-signed CA, htpasswd basic auth),
#   tok 5153 (HTTP, bearer tokens), token service 5154.
#
#   scripts/registries.sh start|stop|status|env
#   scripts/registries.sh reset|kill|restart NAME     (NAME: src, dst, tls or tok; reset empties it)
#
# State (CA, passwords, storage, logs, pids) under OC_RT_DIR (default /tmp/oc-rt-registries).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OC_VENV=${OC_VENV:-/tmp/oc-venv}
exec "$OC_VENV/bin/python" "$root/Tests/registry/registries.py" "${@:-status}"
