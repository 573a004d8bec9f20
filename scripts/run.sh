#!/usr/bin/env bash
# Sets up the machine, builds posagent and runs the daemon in the foreground on a local ledger and socket
# under ./posagent-data, with a simulated tablet and scanner played from this terminal. With --central it
# uploads to the demo central server that scripts/run-central.sh runs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

bash scripts/setup.sh debug
mkdir -p posagent-data
# The key that seals members' one-time-code secrets (docs/otp.md), made once.
.build/debug/posagent otp init-key --key-file posagent-data/otp.key --if-missing >/dev/null
# The cashier screen's PIN for this demonstration (http://127.0.0.1:8620/); a store sets its own.
if [ ! -f posagent-data/cashier-pin ]; then
    (umask 077 && echo 0000 >posagent-data/cashier-pin)
fi
config=()
[ -f posagent-data/posagent.toml ] && config=(--config posagent-data/posagent.toml)
# --central: upload to the demo central server of scripts/run-central.sh (shop "demo", its token).
if [ "${1:-}" = "--central" ]; then
    shift
    token="$PWD/posagent-data/central/demo-token"
    [ -s "$token" ] || { echo "run: start scripts/run-central.sh first (in another terminal): it makes $token" >&2; exit 69; }
    if [ ${#config[@]} -gt 0 ]; then
        echo "run: posagent-data/posagent.toml is in use; add [sync] server = \"http://127.0.0.1:8640\", store_id = \"demo\" and token_file = \"$token\" to it" >&2
        exit 64
    fi
    cat >posagent-data/central-demo.toml <<TOML
# Written by scripts/run.sh --central: the demo agent uploads to scripts/run-central.sh.
[store]
id = "demo"

[sync]
server = "http://127.0.0.1:8640"
token_file = "$token"
interval_seconds = 10
TOML
    config=(--config posagent-data/central-demo.toml)
fi
exec .build/debug/posagent daemon "${config[@]}" \
    --database posagent-data/ledger.sqlite --socket posagent-data/posagent.sock \
    --otp-key-file posagent-data/otp.key --cashier-pin-file posagent-data/cashier-pin --simulate-devices "$@"
