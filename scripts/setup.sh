#!/usr/bin/env bash
# Installs what posagent needs to build and test on Debian, then builds it.
# Usage: scripts/setup.sh [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${1:-debug}"
# python3-segno and zbar-tools: the QR encoder's tests compare with segno and decode with zbarimg.
packages=(libsqlite3-dev sqlite3 pkg-config libudev-dev umockdev gir1.2-umockdev-1.0 python3-gi curl
          systemd make binutils lintian python3-segno zbar-tools
          # The cashier screen's browser checks (scripts/web-checks.sh): Chromium, its WebDriver, a venv
          # for Selenium, and a Korean font so the screenshots show Hangul.
          chromium chromium-driver python3-venv fonts-nanum
          # The socket API's schemathesis checks (scripts/api-checks.sh) reach the Unix socket through socat.
          socat
          # The marketing images' tests make real JPEG files with libjpeg's cjpeg (and read them with djpeg).
          libjpeg-turbo-progs
          # posagent-central's tests run a throwaway PostgreSQL cluster (scripts/central-db.sh), and make
          # a private CA and server certificate with openssl for the TLS tests.
          postgresql openssl
          # The store PC in a virtual machine (scripts/vm-checks.sh): the guest's image and QEMU.
          qemu-system-x86 debootstrap e2fsprogs)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi

if ! command -v swift >/dev/null 2>&1; then
    if [ -x /opt/swift/usr/bin/swift ]; then
        export PATH="/opt/swift/usr/bin:$PATH"
    else
        echo "setup: no Swift toolchain found; install Swift 6.1 or later and put it on PATH" >&2
        exit 69
    fi
fi

echo "setup: building ($configuration)"
swift build -c "$configuration"
