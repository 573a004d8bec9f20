#!/usr/bin/env bash
# Runs inside the guest of scripts/vm-checks.sh, as root under systemd, from the host's share /mnt/vm.
# Installs the package as an admin would, then checks the service and the devices the host plugs in
# through QMP. Writes one PASS/FAIL line per check to /mnt/vm/results, then END.
set -uo pipefail
share=/mnt/vm
results=$share/results
export SYSTEMD_PAGER="" SYSTEMD_COLORS=0

pass() { echo "PASS $*" >>"$results"; }
fail() { echo "FAIL $*" >>"$results"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
# Waits up to $1 seconds for a command to succeed.
within() { local seconds=$1; shift; local end=$((SECONDS + seconds)); until "$@"; do [ $SECONDS -lt $end ] || return 1; sleep 0.5; done; }

# Asks the host to do something (plug, unplug, type on the tablet, scan) and waits until it is done.
requests=0
host() {
    requests=$((requests + 1))
    local name; name=$(printf '%03d' "$requests")
    echo "$*" >"$share/requests/$name.tmp" && mv "$share/requests/$name.tmp" "$share/requests/$name.req"
    within 30 test -e "$share/requests/$name.done" || { echo "host did not answer: $*"; return 1; }
    [ "$(cat "$share/requests/$name.done")" = ok ] || { echo "host: $*: $(cat "$share/requests/$name.done")"; return 1; }
}

devices() { posagent devices --json 2>/dev/null | tr -d ' \n'; }
present() { devices | grep -q "\"present\":true,\"role\":\"$1\""; }
absent() { devices | grep -q "\"present\":false,\"role\":\"$1\""; }
property() { udevadm info --query=property "$1" 2>/dev/null | grep -qx "$2"; }
main_pid() { systemctl show -p MainPID --value posagent; }
holds_open() { ls -l "/proc/$(main_pid)/fd" 2>/dev/null | grep -q -- "-> $1\$"; }
journal_since() { journalctl -u posagent --no-pager -o cat --after-cursor="$1" 2>/dev/null; }
cursor() { journalctl -u posagent -n 0 --show-cursor --no-pager 2>/dev/null | sed -n 's/^-- cursor: //p'; }
ledger() { posagent history --json 2>/dev/null | tr -d ' \n'; }
# The tty of the USB device with this serial number, once udev has named it.
tty_of() { local link; link=$(ls /dev/serial/by-id/*"_$1-if00-port0" 2>/dev/null | head -n 1); [ -n "$link" ] && readlink -f "$link"; }

# --- The package, as an admin installs it -------------------------------------------------------------
deb=$(ls "$share"/posagent_*.deb | head -n 1)
cp "$deb" /root/ && cd /root
if DEBIAN_FRONTEND=noninteractive apt-get install -y -q "./$(basename "$deb")" >/root/apt.log 2>&1; then
    pass "apt-get install ./$(basename "$deb")"
else
    sed 's/^/    /' /root/apt.log | tail -n 20; fail "apt-get install ./$(basename "$deb")"
fi
check "the package enables the service and does not start it" \
    test "$(systemctl is-enabled posagent)/$(systemctl is-active posagent)" = "enabled/inactive"
check "the OTP key exists after installation (mode 600, user posagent)" \
    test "$(stat -c '%a %U' /etc/posagent/posagent-otp-key 2>/dev/null)" = "600 posagent"

# The store's configuration: the [[devices]] rules the packaged file suggests, and a local udev rule for
# this counter's adapters (QEMU's FTDI usb-serial, 0403:6001, and its USB keyboard, 0627:0001, told apart
# by serial number). Under TCG the guest takes QEMU's keys slower than a scanner types, hence the longer
# inter-key time.
sed -i -e 's/^#id = .*/id = "vm-store"/' -e 's/^#name = .*/name = "VM shop"/' -e 's/^## //' -e 's/^##$//' \
    -e 's/^kind = "keyboard"$/kind = "keyboard"\ninter_key_timeout_ms = 1000/' /etc/posagent/posagent.toml
cat >/etc/udev/rules.d/89-posagent-local.rules <<'RULES'
SUBSYSTEM=="tty", ATTRS{idVendor}=="0403", ATTRS{idProduct}=="6001", ATTRS{serial}=="SCAN0001", ENV{POSAGENT_ROLE}="scanner"
SUBSYSTEM=="tty", ATTRS{idVendor}=="0403", ATTRS{idProduct}=="6001", ATTRS{serial}=="TABLET0001", ENV{POSAGENT_ROLE}="tablet"
SUBSYSTEM=="input", KERNEL=="event*", ATTRS{idVendor}=="0627", ATTRS{idProduct}=="0001", ATTRS{serial}=="KBDSCAN1", ENV{POSAGENT_ROLE}="scanner"
RULES
udevadm control --reload
check "posagent config check accepts the store's configuration" posagent config check /etc/posagent/posagent.toml

# --- The service under systemd ------------------------------------------------------------------------
start_cursor=$(cursor)
if systemctl start posagent; then pass "systemctl start posagent returns (READY=1 arrived)"; else fail "systemctl start posagent"; fi
check "systemctl is-active posagent: active" test "$(systemctl is-active posagent)" = active
status_text=$(systemctl show -p StatusText --value posagent)
check "StatusText says what the daemon does: \"$status_text\"" test -n "$status_text"
first_watchdog=$(systemctl show -p WatchdogTimestampMonotonic --value posagent)
security=$(systemd-analyze security posagent 2>&1)
score=$(sed -n 's/.*Overall exposure level for posagent.service: \([0-9.]*\).*/\1/p' <<<"$security")
if [ -n "$score" ] && awk -v s="$score" 'BEGIN { exit !(s <= 2.0) }'; then
    pass "systemd-analyze security posagent (the running unit): exposure $score, at most 2.0"
else
    grep '✗' <<<"$security" | sed 's/^/    /'; fail "systemd-analyze security posagent: exposure ${score:-unknown}, over 2.0"
fi

reload_cursor=$(cursor)
systemctl reload posagent
if within 10 sh -c "journalctl -u posagent --no-pager -o cat --after-cursor='$reload_cursor' | grep -q 'reloaded the OTP key from /etc/posagent/posagent-otp-key'"; then
    pass "systemctl reload: the journal says the OTP key was read again"
else
    fail "systemctl reload: no 'reloaded the OTP key' in the journal"
fi

# --- The tablet on a usb-serial -------------------------------------------------------------------------
host plug tablet
within 20 test -e /dev/posagent/tablet
check "udev links /dev/posagent/tablet to the tagged adapter ($(readlink -f /dev/posagent/tablet))" test -c /dev/posagent/tablet
check "udev sets POSAGENT_ROLE=tablet and ModemManager's ID_MM_DEVICE_IGNORE=1 on it" \
    eval 'property /dev/posagent/tablet POSAGENT_ROLE=tablet && property /dev/posagent/tablet ID_MM_DEVICE_IGNORE=1'
check "the daemon attaches the tablet and it answers hello (posagent devices)" within 30 present tablet

host tablet wait-prompt 01012345678
accrual=$(timeout 60 posagent accrue --amount 15000 --json 2>&1 | tr -d ' \n')
if grep -q '"type":"accrual"' <<<"$accrual" && grep -q '"phone":"010-\*\*\*\*-5678"' <<<"$accrual"; then
    pass "self-service accrual: the customer types 010-1234-5678 on the tablet, 15000 won become points"
else
    echo "    $accrual"; fail "self-service accrual on the tablet"
fi

# --- The scanner on a usb-serial ------------------------------------------------------------------------
host plug scanner
within 20 test -e /dev/posagent/scanner
check "udev links /dev/posagent/scanner to the tagged adapter ($(readlink -f /dev/posagent/scanner))" test -c /dev/posagent/scanner
check "udev sets POSAGENT_ROLE=scanner and ID_MM_DEVICE_IGNORE=1 on it" \
    eval 'property /dev/posagent/scanner POSAGENT_ROLE=scanner && property /dev/posagent/scanner ID_MM_DEVICE_IGNORE=1'
check "the daemon attaches the scanner" within 30 present scanner

scan_accrual() {
    host scan-at-prompt "$1" || return 1
    local answer; answer=$(timeout 60 posagent accrue --amount "$2" --json 2>&1 | tr -d ' \n')
    grep -q '"type":"accrual"' <<<"$answer" && grep -q "\"barcode\":\"$1\"" <<<"$answer" || { echo "    $answer"; return 1; }
}
check "a membership card scanned on the host becomes an accrual in the guest's ledger" scan_accrual 8801234567893 12000

host unplug scanner
check "unplugged: /dev/posagent/scanner goes away and the daemon reports the scanner absent" \
    eval 'within 20 sh -c "! test -e /dev/posagent/scanner" && within 20 absent scanner'
host plug scanner
check "plugged in again: the daemon attaches the scanner again" within 30 present scanner
check "after the replug a scan is an accrual again" scan_accrual 8801234567893 8000

# --- An adapter no rule names ---------------------------------------------------------------------------
host plug spare
within 20 sh -c "ls /dev/serial/by-id/*_SPARE0001-if00-port0" >/dev/null 2>&1
spare=$(tty_of SPARE0001)
sleep 3
if [ -n "$spare" ] && ! property "$spare" 'POSAGENT_ROLE=.*' && ! holds_open "$spare" \
    && ! journal_since "$start_cursor" | grep -q "$(basename "$spare")"; then
    pass "a second, untagged usb-serial ($spare) is never opened nor named by the daemon"
else
    fail "the untagged usb-serial ${spare:-(no tty)}: tagged, opened or named by the daemon"
fi

# --- A keyboard-wedge scanner on a usb-kbd, beside the shop's own keyboard ---------------------------------
event_of() { local link; link=$(ls /dev/input/by-id/*"$1"*-event-kbd 2>/dev/null | head -n 1); [ -n "$link" ] && readlink -f "$link"; }
# The console's input: what a keyboard types reaches the foreground VT, tty1, unless someone grabs it.
console_log=/root/tty1.log
: >"$console_log"
stty -F /dev/tty1 -echo 2>/dev/null
cat /dev/tty1 >>"$console_log" 2>/dev/null &
console_reader=$!
host plugkbd desk DESK0001 screen0
within 20 sh -c "ls /dev/input/by-id/*DESK0001*-event-kbd" >/dev/null 2>&1
desk=$(event_of DESK0001)
host type screen0 24680
check "the shop's own keyboard ($desk) types into the console (the check below can fail)" within 10 grep -q 24680 "$console_log"

host plugkbd kbdscan KBDSCAN1 screen1
within 20 test -e /dev/posagent/scanner-kbd
kbd=$(readlink -f /dev/posagent/scanner-kbd)
check "udev links /dev/posagent/scanner-kbd to the tagged keyboard's node ($kbd)" test -c /dev/posagent/scanner-kbd
check "udev sets POSAGENT_ROLE=scanner and LIBINPUT_IGNORE_DEVICE=1 on it, group posagent, mode 0640" \
    eval 'property "$kbd" POSAGENT_ROLE=scanner && property "$kbd" LIBINPUT_IGNORE_DEVICE=1 && test "$(stat -c "%G %a" "$kbd")" = "posagent 640"'
keyboard_attached() { devices | grep -q "\"kind\":\"keyboard\",\"node\":\"$kbd\",\"present\":true,\"role\":\"scanner\""; }
check "the daemon attaches the keyboard scanner (posagent devices: kind keyboard, node $kbd)" within 30 keyboard_attached
grabbed() {
    local shown; shown=$(timeout 3 stdbuf -o0 -e0 evtest "$kbd" 2>&1)
    grep -q "grabbed by another process" <<<"$shown" || { tail -n 8 <<<"$shown" | sed 's/^/    evtest: /' >>"$results"; return 1; }
}
check "the daemon holds $kbd grabbed (evtest: grabbed by another process)" grabbed

type_accrual() {
    host type-at-prompt screen1 "$1" || return 1
    local answer; answer=$(timeout 60 posagent accrue --amount "$2" --json 2>&1 | tr -d ' \n')
    grep -q '"type":"accrual"' <<<"$answer" && grep -q "\"barcode\":\"$1\"" <<<"$answer" || { echo "    $answer"; return 1; }
}
check "a card typed by the keyboard scanner (QMP input-send-event) becomes an accrual" type_accrual 8805550001112 9000
sleep 1
check "the scanner's keystrokes never reach the console" eval '! grep -q 8805550001112 "$console_log"'
check "the shop's keyboard ($desk) is never opened nor named by the daemon" \
    eval '! holds_open "$desk" && ! journal_since "$start_cursor" | grep -q "$(basename "${desk:-none}")\b"'
host unplug kbdscan
keyboard_gone() { ! test -e /dev/posagent/scanner-kbd && ! devices | grep -q '"kind":"keyboard"'; }
check "the keyboard scanner unplugged: its link goes away and the daemon lets it go" within 20 keyboard_gone
host plugkbd kbdscan KBDSCAN1 screen1
within 20 test -e /dev/posagent/scanner-kbd
kbd=$(readlink -f /dev/posagent/scanner-kbd)
check "plugged in again ($kbd): a typed card is an accrual again" eval 'within 30 keyboard_attached && type_accrual 8805550001112 4000'
kill "$console_reader" 2>/dev/null

# --- Watchdog, restart, stop ----------------------------------------------------------------------------
watchdog_fed() { [ "$(systemctl show -p WatchdogTimestampMonotonic --value posagent)" -gt "${first_watchdog:-0}" ]; }
check "the watchdog is fed (WatchdogTimestamp moves on, WatchdogSec=$(systemctl show -p WatchdogUSec --value posagent))" within 40 watchdog_fed

before=$(ledger)
systemctl restart posagent
after=$(ledger)
check "systemctl restart: the ledger keeps its $(grep -o '"syncID"' <<<"$before" | wc -l) transactions" \
    eval '[ -n "$before" ] && [ "$before" = "$after" ] && grep -q "\"syncID\"" <<<"$before"'
check "after the restart the daemon attaches the tablet and the scanner again" eval 'within 30 present tablet && within 30 present scanner'

stop_started=$SECONDS
systemctl stop posagent
stop_seconds=$((SECONDS - stop_started))
check "systemctl stop is clean: Result=success, exit status 0, in ${stop_seconds} s" \
    test "$(systemctl show -p Result --value posagent) $(systemctl show -p ExecMainStatus --value posagent)" = "success 0"
check "the stopped daemon leaves no socket behind" test ! -e /run/posagent/posagent.sock
released() {
    local shown; shown=$(timeout 3 stdbuf -o0 -e0 evtest "$kbd" 2>&1)
    grep -q "Testing ... (interrupt to exit)" <<<"$shown" && ! grep -q "grabbed by another process" <<<"$shown" \
        || { tail -n 8 <<<"$shown" | sed 's/^/    evtest: /' >>"$results"; return 1; }
}
check "the stopped daemon let go of the keyboard scanner's grab (evtest reads $kbd)" released
# The runtime sets worker threads' nice value by QoS class (down to -4); the unit allows it.
no_refused_priority() {
    local log; log=$(journalctl -u posagent -b --no-pager -o cat 2>/dev/null)
    [ -n "$log" ] && ! grep -q "Failed to set thread priority" <<<"$log"
}
check "no worker thread's priority was refused in the whole run (setpriority, LimitNICE=-4)" no_refused_priority

journalctl -u posagent --no-pager >"$share/posagent.journal" 2>&1
journalctl -b --no-pager >"$share/guest.journal" 2>&1
echo END >>"$results"
