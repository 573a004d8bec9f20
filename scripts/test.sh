#!/usr/bin/env bash
# Sets up the machine and runs every test of posagent.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

bash scripts/setup.sh debug
swift build --build-tests
# posagent-central's tests use a throwaway PostgreSQL cluster on a socket in a temporary folder.
POSAGENT_TEST_PG="$(mktemp -d /tmp/posagent-test-pg.XXXXXX)"
export POSAGENT_TEST_PG
trap 'bash scripts/central-db.sh stop "$POSAGENT_TEST_PG"; rm -rf "$POSAGENT_TEST_PG"' EXIT
bash scripts/central-db.sh start "$POSAGENT_TEST_PG" >/dev/null
# One suite at a time: the device suites' timing windows and the daemon suites' processes should not
# compete for a small machine's cores with the rest.
swift test --skip-build --no-parallel
# The long run (about 100 s): 50 SIGKILL cycles and 100 scanner replugs (scripts/long-run.sh, docs/devices.md).
POSAGENT_LONG_RUN=1 swift test --skip-build --no-parallel --filter 'LongRun'
bash scripts/web-checks.sh .build/debug/posagent
bash scripts/api-checks.sh .build/debug/posagent
bash scripts/install-checks.sh
# After install-checks: its release build is reused, only the package is made again.
bash scripts/vm-checks.sh --require
