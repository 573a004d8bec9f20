#!/usr/bin/env bash
# The socket API against docs/openapi.yaml, checked by schemathesis (PyPI, pinned, in a venv under .build)
# with all its checks: the real daemon on a temporary ledger with no devices, its Unix socket bridged to a
# loopback TCP port by socat. Fails on any check. Run after a build (scripts/test.sh does).
# Usage: scripts/api-checks.sh [path/to/posagent] [extra schemathesis options...]
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/pinned-checks.sh

binary="${1:-.build/debug/posagent}"
shift || true
venv=".build/api-checks-venv"
require_tools api-checks /usr/bin/socat /usr/bin/curl /usr/bin/python3
require_binary api-checks "$binary"
pinned_venv api-checks "$venv" Tests/APIChecks/requirements.txt

work=$(mktemp -d /tmp/posagent-api-checks.XXXXXX)
daemon_pid="" bridge_pid=""
finish() {
    [ -n "$bridge_pid" ] && kill "$bridge_pid" 2>/dev/null
    [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null
    rm -rf "$work"
}
trap finish EXIT

cat >"$work/posagent.toml" <<TOML
[store]
name = "API checks"

[api]
socket = "$work/posagent.sock"

[database]
path = "$work/ledger.sqlite"
durability = "normal"
TOML
"$binary" daemon --config "$work/posagent.toml" </dev/null >"$work/daemon.log" 2>&1 &
daemon_pid=$!
for _ in $(seq 100); do
    curl -sf --max-time 2 --unix-socket "$work/posagent.sock" http://posagent/v1/health >/dev/null 2>&1 && break
    kill -0 "$daemon_pid" 2>/dev/null || { echo "api-checks: the daemon stopped:" >&2; cat "$work/daemon.log" >&2; exit 1; }
    sleep 0.1
done

port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
socat "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork" "UNIX-CONNECT:$work/posagent.sock" &
bridge_pid=$!
for _ in $(seq 50); do
    curl -sf --max-time 2 "http://127.0.0.1:$port/v1/health" >/dev/null 2>&1 && break
    sleep 0.1
done

rm -rf test-artifacts/api
mkdir -p test-artifacts/api
status=0
# The central server's upload route is in the same document but not the daemon's: it is excluded. Manager
# id and PIN headers are not generated (a security scheme has no schema to say their rules): the
# checks' caller is a manager by its peer credentials (root, or the account running them).
# It runs in test-artifacts/api, where it keeps what `st replay` needs after a failure.
root=$(pwd)
(cd test-artifacts/api && SCHEMATHESIS_HOOKS=hooks PYTHONPATH="$root/Tests/APIChecks" \
    "$root/$venv/bin/schemathesis" --config-file "$root/Tests/APIChecks/schemathesis.toml" run "$root/docs/openapi.yaml" \
    --url "http://127.0.0.1:$port" --checks all --exclude-tag central-server \
    --generation-with-security-parameters false \
    --seed 20261207 --generation-database none --workers 1 --no-color \
    --report junit --report-junit-path schemathesis.xml "$@") || status=$?
if [ "$status" -ne 0 ]; then
    echo "api-checks: schemathesis found faults (above); the daemon's log is test-artifacts/api/daemon.log" >&2
fi
cp "$work/daemon.log" test-artifacts/api/daemon.log
exit "$status"
