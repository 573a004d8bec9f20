#!/usr/bin/env bash
# The long run (issue 18): SIGKILL cycles during accruals, cancellations, coupon redemptions and the sync
# drain, and USB scanner replugs mid-scan, each cycle checked (Tests/PosAgentTests/LongRun; scripts/test.sh
# runs them too, with the defaults). Usage: scripts/long-run.sh [kill cycles (default 50)] [replug cycles (default 100)]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

bash scripts/setup.sh debug
swift build --build-tests
export POSAGENT_LONG_RUN=1
export POSAGENT_LONG_RUN_KILLS="${1:-50}"
export POSAGENT_LONG_RUN_REPLUGS="${2:-100}"
echo "load before: $(uptime)"
start=$(date +%s)
swift test --skip-build --no-parallel --filter 'LongRun'
echo "long run: $(( $(date +%s) - start )) s; load after: $(uptime)"
