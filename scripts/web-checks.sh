#!/usr/bin/env bash
# The cashier screen in real headless Chromium (Debian's chromium and chromium-driver), driven by
# Selenium from PyPI in a venv under .build, against the real daemon with a virtual tablet and scanner.
# Screenshots of each screen go to test-artifacts/web/. Run after a build (scripts/test.sh does).
# Usage: scripts/web-checks.sh [path/to/posagent] [-k NAME ...]
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/pinned-checks.sh

binary="${1:-.build/debug/posagent}"
shift || true
venv=".build/web-checks-venv"
require_tools web-checks /usr/bin/chromium /usr/bin/chromedriver /usr/bin/python3
require_binary web-checks "$binary"
pinned_venv web-checks "$venv" Tests/WebChecks/requirements.txt

rm -rf test-artifacts/web
mkdir -p test-artifacts/web
# Selenium must not look for browsers or drivers on the network: both are Debian's.
export SE_OFFLINE=true
exec timeout 900 "$venv/bin/python" Tests/WebChecks/cashier_screen.py --binary "$binary" --artifacts test-artifacts/web "$@"
