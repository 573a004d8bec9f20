#!/usr/bin/env bash
# Checks what a store PC installs: the unit (systemd-analyze verify and security), the files and modes of
# `make install`, and the Debian package under lintian. One line per check; exit 1 if any fails.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

failures=0
pass() { echo "install-checks: PASS $*"; }
fail() { echo "install-checks: FAIL $*"; failures=$((failures + 1)); }

work=$(mktemp -d /tmp/posagent-install-checks.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The release build is the slow part: `make deb` does it once and `make install` reuses it.
if make --no-print-directory deb >"$work/deb.log" 2>&1; then
    deb=$(sed -n 's/^built //p' "$work/deb.log")
    pass "make deb built $deb"
else
    tail -n 30 "$work/deb.log"
    fail "make deb"
    deb=""
fi

# make install: exactly these files, with these modes, and nothing else.
root="$work/root"
if make --no-print-directory install DESTDIR="$root" PREFIX=/usr >"$work/install.log" 2>&1; then
    expected=$(cat <<'LIST'
0644 etc/posagent/posagent.toml
0644 lib/systemd/system/posagent.service
0644 lib/udev/rules.d/90-posagent.rules
0644 usr/lib/sysusers.d/posagent.conf
0644 usr/lib/tmpfiles.d/posagent.conf
0644 usr/share/doc/posagent/api.md
0644 usr/share/doc/posagent/configuration.md
0644 usr/share/doc/posagent/devices.md
0644 usr/share/doc/posagent/install.md
0644 usr/share/doc/posagent/managers.md
0644 usr/share/doc/posagent/otp.md
0644 usr/share/doc/posagent/web.md
0644 usr/share/man/man1/posagent.1
0755 usr/bin/posagent
LIST
)
    actual=$(cd "$root" && find . -type f -printf '%m %P\n' | sed 's/^\([0-7][0-7][0-7]\) /0\1 /' | LC_ALL=C sort -k2 | LC_ALL=C sort -k1,1 -s)
    expected=$(LC_ALL=C sort -k2 <<<"$expected" | LC_ALL=C sort -k1,1 -s)
    wrong_dirs=$(cd "$root" && find . -type d ! -perm 0755 -printf '%m %P\n')
    if [ "$actual" = "$expected" ] && [ -z "$wrong_dirs" ]; then
        pass "make install DESTDIR: $(wc -l <<<"$actual") files at their paths and modes, directories 0755"
    else
        diff <(echo "$expected") <(echo "$actual") | sed 's/^/    /'
        [ -z "$wrong_dirs" ] || echo "    directories not 0755: $wrong_dirs"
        fail "make install DESTDIR: files, paths or modes differ from the expected list (< expected, > installed)"
    fi
    if grep -qx 'ExecStart=/usr/bin/posagent daemon --config /etc/posagent/posagent.toml' "$root/lib/systemd/system/posagent.service" \
        && "$root/usr/bin/posagent" config check "$root/etc/posagent/posagent.toml" >/dev/null; then
        pass "installed unit starts the installed binary, whose config check accepts the installed configuration"
    else
        fail "installed unit's ExecStart or the installed configuration"
    fi
    echo "[store]" >"$root/etc/posagent/posagent.toml"
    make --no-print-directory install DESTDIR="$root" PREFIX=/usr >>"$work/install.log" 2>&1
    if [ "$(cat "$root/etc/posagent/posagent.toml")" = "[store]" ]; then
        pass "make install keeps an existing /etc/posagent/posagent.toml"
    else
        fail "make install overwrote an existing /etc/posagent/posagent.toml"
    fi
    make --no-print-directory uninstall DESTDIR="$root" PREFIX=/usr >>"$work/install.log" 2>&1
    left=$(cd "$root" && find . -type f -printf '%P\n')
    if [ "$left" = "etc/posagent/posagent.toml" ]; then
        pass "make uninstall removes every installed file but the configuration"
    else
        fail "make uninstall left: $left"
    fi
else
    tail -n 30 "$work/install.log"
    fail "make install DESTDIR=$root"
fi

# systemd-analyze verify resolves ExecStart= and the modprobe@ units under --root: the system's units
# plus the installed tree. Warnings count as failures.
verify_root="$work/verify-root"
mkdir -p "$verify_root/usr/lib/systemd" "$verify_root/usr/bin"
# ExecReload= runs /bin/kill: a merged /usr as on Debian, with the system's kill.
ln -s usr/bin "$verify_root/bin"
cp /usr/bin/kill "$verify_root/usr/bin/kill"
cp -a /usr/lib/systemd/system "$verify_root/usr/lib/systemd/"
cp systemd/posagent.service "$verify_root/usr/lib/systemd/system/"
install -m 0755 "$root/usr/bin/posagent" "$verify_root/usr/bin/posagent" 2>/dev/null \
    || install -m 0755 /dev/null "$verify_root/usr/bin/posagent"
verify_output=$(systemd-analyze verify --root="$verify_root" posagent.service 2>&1)
if [ $? -eq 0 ] && [ -z "$verify_output" ]; then
    pass "systemd-analyze verify posagent.service: no errors, no warnings"
else
    echo "$verify_output" | sed 's/^/    /'
    fail "systemd-analyze verify posagent.service"
fi

security_output=$(systemd-analyze security --offline=true --threshold=20 systemd/posagent.service 2>&1)
security_status=$?
score=$(sed -n 's/.*Overall exposure level for posagent.service: \([0-9.]*\).*/\1/p' <<<"$security_output")
if [ $security_status -eq 0 ] && [ -n "$score" ]; then
    pass "systemd-analyze security --offline=true: exposure $score (at most 2.0)"
else
    grep '✗' <<<"$security_output" | sed 's/^/    /'
    fail "systemd-analyze security --offline=true: exposure ${score:-unknown}, over 2.0"
fi

if [ -n "$deb" ]; then
    lintian_output=$(lintian --fail-on error "$deb" 2>&1)
    lintian_status=$?
    grep -v "running with root privileges" <<<"$lintian_output" | sed "s/^/    /"
    unexplained=""
    for tag in $(sed -n 's/^W: posagent: \([a-z0-9-]*\).*/\1/p' <<<"$lintian_output" | sort -u); do
        grep -q -- "\`$tag\`" docs/install.md || unexplained="$unexplained $tag"
    done
    if [ $lintian_status -ne 0 ]; then
        fail "lintian $(basename "$deb"): errors"
    elif [ -n "$unexplained" ]; then
        fail "lintian $(basename "$deb"): warnings not explained in docs/install.md:$unexplained"
    else
        pass "lintian $(basename "$deb"): no errors; $(grep -c '^W:' <<<"$lintian_output") warnings, each explained in docs/install.md"
    fi
else
    fail "lintian: no package to check"
fi

# The maintainer scripts, run as dpkg would, in a private mount namespace over copies of /etc, /var/lib
# and the unit, udev, sysusers and tmpfiles directories: the machine's own accounts are never touched.
if [ -n "$deb" ] && unshare -m true 2>/dev/null; then
    mkdir -p "$work/pkg" "$work/ctl"
    dpkg-deb -x "$deb" "$work/pkg" && dpkg-deb -e "$deb" "$work/ctl"
    cat >"$work/maintainer.sh" <<'SCRIPT'
work=$1
export DPKG_MAINTSCRIPT_PACKAGE=posagent
for dir in /etc /var/lib /usr/lib/sysusers.d /usr/lib/tmpfiles.d /lib/systemd/system /lib/udev/rules.d; do
    mkdir -p "$dir" "$work/copy$dir" && cp -a "$dir/." "$work/copy$dir/" && mount --bind "$work/copy$dir" "$dir" || exit 1
done
for file in etc/posagent/posagent.toml lib/systemd/system/posagent.service lib/udev/rules.d/90-posagent.rules \
            usr/lib/sysusers.d/posagent.conf usr/lib/tmpfiles.d/posagent.conf; do
    mkdir -p "/$(dirname "$file")" && cp "$work/pkg/$file" "/$file"
done
step() { DPKG_MAINTSCRIPT_NAME=$1 sh -e "$work/ctl/$1" "${@:2}" >/dev/null 2>&1 || echo "$1 $2 failed"; }
wants=/etc/systemd/system/multi-user.target.wants/posagent.service
step postinst configure
[ "$(getent passwd posagent | cut -d: -f6,7)" = "/var/lib/posagent:/usr/sbin/nologin" ] || echo "no user posagent after install"
getent group posagent-admin >/dev/null || echo "no group posagent-admin after install"
[ "$(stat -c '%a %U' /var/lib/posagent 2>/dev/null)" = "700 posagent" ] || echo "/var/lib/posagent is not 0700 posagent after install"
[ -L "$wants" ] || echo "the service is not enabled after install"
touch /var/lib/posagent/ledger.sqlite
step postinst configure 0.1.0
[ -L "$wants" ] || echo "the service is not enabled after an upgrade"
step prerm remove
step postrm remove
[ -e /var/lib/posagent/ledger.sqlite ] || echo "remove deleted the ledger"
rm -f /etc/posagent/posagent.toml
step postrm purge
[ ! -e /var/lib/posagent ] || echo "purge left /var/lib/posagent"
[ -z "$(ls /etc/systemd/system | grep posagent)" ] || echo "purge left posagent in /etc/systemd/system"
SCRIPT
    problems=$(unshare -m bash "$work/maintainer.sh" "$work" 2>&1)
    if [ -z "$problems" ]; then
        pass "maintainer scripts: install creates the accounts and /var/lib/posagent and enables the service; remove keeps the ledger; purge deletes it"
    else
        echo "$problems" | sed 's/^/    /'
        fail "maintainer scripts"
    fi
elif [ -n "$deb" ]; then
    fail "maintainer scripts: cannot make a private mount namespace (unshare -m needs root)"
fi

if [ $failures -gt 0 ]; then
    echo "install-checks: $failures check(s) failed"
    exit 1
fi
echo "install-checks: all passed"
