#!/usr/bin/env bash
# Sets up the machine, builds posagent and runs the daemon in the foreground on a local ledger and socket
# under ./posagent-data, with a simulated tablet and scanner played from this terminal.
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
exec .build/debug/posagent daemon "${config[@]}" \
    --database posagent-data/ledger.sqlite --socket posagent-data/posagent.sock \
    --otp-key-file posagent-data/otp.key --cashier-pin-file posagent-data/cashier-pin --simulate-devices "$@"
