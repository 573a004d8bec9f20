#!/usr/bin/env bash
# The cashier screen in real headless Chromium (Debian's chromium and chromium-driver), driven by
# Selenium from PyPI in a venv under .build, against the real daemon with a virtual tablet and scanner.
# Screenshots of each screen go to test-artifacts/web/. Run after a build (scripts/test.sh does).
# Usage: scripts/web-checks.sh [path/to/posagent] [-k NAME ...]
set -euo pipefail
cd "$(dirname "$0")/.."

binary="${1:-.build/debug/posagent}"
shift || true
requirements="Tests/WebChecks/requirements.txt"
selenium_version=$(sed -n 's/^selenium==//p' "$requirements")
venv=".build/web-checks-venv"

for tool in /usr/bin/chromium /usr/bin/chromedriver /usr/bin/python3; do
    [ -x "$tool" ] || { echo "web-checks: $tool is missing; run scripts/setup.sh" >&2; exit 69; }
done
[ -x "$binary" ] || { echo "web-checks: no posagent binary at $binary; build it first" >&2; exit 69; }

if ! "$venv/bin/python" -c "import selenium, sys; sys.exit(selenium.__version__ != '$selenium_version')" 2>/dev/null; then
    echo "web-checks: installing Selenium $selenium_version into $venv"
    /usr/bin/python3 -m venv --clear "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --requirement "$requirements"
fi

rm -rf test-artifacts/web
mkdir -p test-artifacts/web
# Selenium must not look for browsers or drivers on the network: both are Debian's.
export SE_OFFLINE=true
exec timeout 900 "$venv/bin/python" Tests/WebChecks/cashier_screen.py --binary "$binary" --artifacts test-artifacts/web "$@"
