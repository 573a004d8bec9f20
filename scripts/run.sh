#!/usr/bin/env bash
# Sets up the machine, builds posagent and runs its main job on a local ledger under ./posagent-data.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

bash scripts/setup.sh debug
mkdir -p posagent-data
exec .build/debug/posagent ledger demo --database posagent-data/ledger.sqlite "$@"
