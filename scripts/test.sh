#!/usr/bin/env bash
# Sets up the machine and runs every test of posagent.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

bash scripts/setup.sh debug
swift build --build-tests
swift test --skip-build
bash scripts/web-checks.sh .build/debug/posagent
bash scripts/install-checks.sh
