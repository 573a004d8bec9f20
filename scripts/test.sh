#!/usr/bin/env bash
# Sets up the machine and runs every test of posagent.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

bash scripts/setup.sh debug
swift build --build-tests
# One suite at a time: the device suites' timing windows and the daemon suites' processes should not
# compete for a small machine's cores with the rest.
swift test --skip-build --no-parallel
bash scripts/web-checks.sh .build/debug/posagent
bash scripts/install-checks.sh
