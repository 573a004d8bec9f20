#!/usr/bin/env bash
# The .deb on a Debian 12 store PC in a QEMU guest: real systemd, real udevd, real USB devices plugged in
# and out through QMP (docs/vm.md). One line per check and a closing "N passed, N failed"; exit 1 if any
# failed. Without --require, a machine that cannot run the guest says so in one line and exits 0.
# Usage: scripts/vm-checks.sh [--require] [--deb FILE]
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

require=false deb=""
while [ $# -gt 0 ]; do
    case $1 in
        --require) require=true ;;
        --deb) deb=$2; shift ;;
        *) echo "usage: scripts/vm-checks.sh [--require] [--deb FILE]" >&2; exit 64 ;;
    esac
    shift
done

cannot_run() {
    echo "vm-checks: cannot run a VM here: $*"
    if $require; then echo "vm-checks: 0 passed, 1 failed"; exit 1; fi
    exit 0
}
[ "$(id -u)" -eq 0 ] || cannot_run "debootstrap and the guest's share need root"
for tool in qemu-system-x86_64 debootstrap mkfs.ext4 python3 dpkg-deb; do
    command -v "$tool" >/dev/null || cannot_run "no $tool (scripts/setup.sh installs it)"
done

passed=0 failed=0
pass() { echo "vm-checks: PASS $*"; passed=$((passed + 1)); }
fail() { echo "vm-checks: FAIL $*"; failed=$((failed + 1)); }
finish() {
    echo "vm-checks: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}

# The Debian mirror this machine's apt uses for bookworm main, from its own configuration.
mirror() {
    local file
    for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$file" ] && awk '$1 == "deb" { sub(/\[[^]]*\] */, ""); if ($3 == "bookworm" && / main/) { print $2; exit } }' "$file"
    done
    for file in /etc/apt/sources.list.d/*.sources; do
        [ -f "$file" ] && awk 'BEGIN { RS = ""; FS = "\n" }
            { uri = ""; ok = 0; main = 0
              for (i = 1; i <= NF; i++) {
                  if ($i ~ /^URIs:/) { split($i, u, " "); uri = u[2] }
                  if ($i ~ /^Suites:/ && (" " $i " ") ~ / bookworm /) ok = 1
                  if ($i ~ /^Components:/ && $i ~ / main/) main = 1 }
              if (ok && main && uri != "") { print uri; exit } }' "$file"
    done
}

# --- The package ------------------------------------------------------------------------------------------
if [ -z "$deb" ]; then
    # Incremental after scripts/install-checks.sh: the release build is reused, only the package is made again.
    if make --no-print-directory deb >/tmp/posagent-vm-deb.$$.log 2>&1; then
        deb=$(sed -n 's/^built //p' /tmp/posagent-vm-deb.$$.log)
    else
        tail -n 20 /tmp/posagent-vm-deb.$$.log
    fi
    rm -f /tmp/posagent-vm-deb.$$.log
fi
[ -n "$deb" ] && [ -f "$deb" ] || { fail "no package to install (make deb failed)"; finish; }

# --- The guest image, built once per set of inputs --------------------------------------------------------
mirror_uri=$(mirror | head -n 1)
[ -n "$mirror_uri" ] || cannot_run "apt names no Debian mirror for bookworm main"
key=$( { echo "$mirror_uri"; cat scripts/vm/build-image.sh scripts/vm/posagent-vm-checks.service; } | sha256sum | cut -c1-16)
image=.build/vm/image-$key
if [ ! -f "$image/root.ext4" ]; then
    rm -rf .build/vm/image-* .build/vm/building
    mkdir -p .build/vm/building
    started=$SECONDS
    if bash scripts/vm/build-image.sh .build/vm/building "$mirror_uri"; then
        mv .build/vm/building "$image"
        pass "guest image built with debootstrap from apt's mirror in $((SECONDS - started)) s (cached as $image)"
    else
        fail "building the guest image (debootstrap from $mirror_uri)"; finish
    fi
fi

# --- One run's folder: the share, the host's ends of the devices, QMP ---------------------------------
work=$(mktemp -d /tmp/posagent-vm.XXXXXX)
share=$work/share qmp=$work/qmp.sock
mkdir -p "$share/requests"
qemu_pid="" simulators=()
cleanup() {
    [ -n "$qemu_pid" ] && kill "$qemu_pid" 2>/dev/null && wait "$qemu_pid" 2>/dev/null
    for pid in "${simulators[@]}"; do kill "$pid" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT
cp "$deb" scripts/vm/guest-checks.sh "$share/"
# The package's own binary plays the tablet and the scanner on the host, on pseudo-terminals QEMU opens.
mkdir -p "$work/pkg" && dpkg-deb -x "$deb" "$work/pkg"
simulate() {  # ROLE: starts `posagent simulate ROLE` fed from a FIFO on descriptor of the same name
    mkfifo "$work/$1.in"
    "$work/pkg/usr/bin/posagent" simulate "$1" <"$work/$1.in" >"$work/$1.out" 2>&1 &
    simulators+=($!)
}
simulate tablet; exec {tablet_in}<>"$work/tablet.in"
simulate scanner; exec {scanner_in}<>"$work/scanner.in"
pty_of() { local end=$((SECONDS + 10)); until grep -q "^$1: /dev/pts/" "$work/$1.out" 2>/dev/null; do [ $SECONDS -lt $end ] || return 1; sleep 0.2; done; sed -n "s|^$1: ||p" "$work/$1.out"; }
tablet_pty=$(pty_of tablet) && scanner_pty=$(pty_of scanner) || { fail "posagent simulate on the host printed no tty"; finish; }

# KVM only when it boots a kernel promptly: nested virtualization without hardware help takes minutes.
accel=tcg
if [ -w /dev/kvm ]; then
    timeout 8 qemu-system-x86_64 -machine q35,accel=kvm -cpu host,-arch-capabilities -m 256 -nodefaults -display none \
        -kernel "$image/vmlinuz" -append "console=ttyS0 earlyprintk=serial,ttyS0 panic=-1" -no-reboot \
        -serial "file:$work/kvm-probe.log" -nic none >/dev/null 2>&1
    grep -q "Linux version" "$work/kvm-probe.log" 2>/dev/null && accel=kvm
fi
cpu=(); [ $accel = kvm ] && cpu=(-cpu host,-arch-capabilities)

started=$SECONDS
qemu-system-x86_64 -machine q35,accel=$accel "${cpu[@]}" -m 1024 -smp 2 -nodefaults -display none -no-reboot \
    -kernel "$image/vmlinuz" -initrd "$image/initrd.img" -append "root=/dev/vda rw console=ttyS0" \
    -drive "file=$image/root.ext4,format=raw,if=virtio,snapshot=on" -nic none \
    -serial "file:$work/console.log" -qmp "unix:$qmp,server=on,wait=off" \
    -virtfs "local,path=$share,mount_tag=posagent-vm,security_model=none,id=share" \
    -device qemu-xhci,id=xhci -device VGA,id=screen0 -device secondary-vga,id=screen1 \
    -chardev "serial,id=tablet,path=$tablet_pty" -chardev "serial,id=scanner,path=$scanner_pty" \
    -chardev "file,id=spare,path=$work/spare.out" \
    >"$work/qemu.log" 2>&1 &
qemu_pid=$!

qmp_call() { python3 scripts/vm/qmp.py "$qmp" "$@" >>"$work/qmp.log" 2>&1; }
serial_of() { case $1 in tablet) echo TABLET0001 ;; scanner) echo SCAN0001 ;; spare) echo SPARE0001 ;; esac; }
prompts() { grep -c '^\[prompt' "$work/tablet.out"; }
# Types TEXT (digits and lower-case letters) and Enter through QMP input-send-event on DISPLAY, which
# reaches the usb-kbd bound to it (display= at device_add; each keyboard has a VGA of its own);
# one key (press and release) per command, 20 ms apart, as QEMU's HID queue holds 16 events.
type_keys() {
    local display=$1 text=$2 commands=() key index
    for ((index = 0; index < ${#text}; index++)); do
        key=${text:index:1}
        commands+=("{\"execute\":\"input-send-event\",\"arguments\":{\"device\":\"$display\",\"events\":[{\"type\":\"key\",\"data\":{\"down\":true,\"key\":{\"type\":\"qcode\",\"data\":\"$key\"}}},{\"type\":\"key\",\"data\":{\"down\":false,\"key\":{\"type\":\"qcode\",\"data\":\"$key\"}}}]}}" sleep:0.02)
    done
    commands+=("{\"execute\":\"input-send-event\",\"arguments\":{\"device\":\"$display\",\"events\":[{\"type\":\"key\",\"data\":{\"down\":true,\"key\":{\"type\":\"qcode\",\"data\":\"ret\"}}},{\"type\":\"key\",\"data\":{\"down\":false,\"key\":{\"type\":\"qcode\",\"data\":\"ret\"}}}]}}")
    qmp_call "${commands[@]}"
}
# What the guest asks of the host (scripts/vm/guest-checks.sh, host()).
serve() {
    local words=($1)
    case ${words[0]} in
        plug) qmp_call "{\"execute\":\"device_add\",\"arguments\":{\"driver\":\"usb-serial\",\"id\":\"${words[1]}\",\"chardev\":\"${words[1]}\",\"bus\":\"xhci.0\",\"serial\":\"$(serial_of "${words[1]}")\"}}" ;;
        unplug) qmp_call "{\"execute\":\"device_del\",\"arguments\":{\"id\":\"${words[1]}\"}}" ;;
        plugkbd) qmp_call "{\"execute\":\"device_add\",\"arguments\":{\"driver\":\"usb-kbd\",\"id\":\"${words[1]}\",\"bus\":\"xhci.0\",\"serial\":\"${words[2]}\",\"display\":\"${words[3]}\"}}" ;;
        type) type_keys "${words[1]}" "${words[2]}" ;;
        type-at-prompt)  # typed on the keyboard scanner once the tablet asks for a card
            local before; before=$(prompts)
            ( end=$((SECONDS + 60)); while [ "$(prompts)" -le "$before" ] && [ $SECONDS -lt $end ]; do sleep 0.2; done
              type_keys "${words[1]}" "${words[2]}" ) & ;;
        tablet) printf '%s\n' "${words[@]:1}" >&"$tablet_in" ;;
        scan-at-prompt)  # the card is shown once the tablet asks for it
            local seen; seen=$(prompts)
            ( end=$((SECONDS + 60)); while [ "$(prompts)" -le "$seen" ] && [ $SECONDS -lt $end ]; do sleep 0.2; done
              echo "${words[1]}" >&"$scanner_in" ) & ;;
        *) return 1 ;;
    esac
}

shown=0 deadline=$((SECONDS + 480))
while kill -0 "$qemu_pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do
    for request in "$share"/requests/*.req; do
        [ -e "$request" ] || continue
        if serve "$(cat "$request")"; then echo ok; else echo "failed: $(tail -n 1 "$work/qmp.log")"; fi >"${request%.req}.done"
        rm -f "$request"
    done
    if [ -f "$share/results" ]; then
        lines=$(wc -l <"$share/results")
        while [ "$shown" -lt "$lines" ]; do
            shown=$((shown + 1))
            line=$(sed -n "${shown}p" "$share/results")
            case $line in PASS\ *) pass "${line#PASS }" ;; FAIL\ *) fail "${line#FAIL }" ;; END) ;; *) echo "    $line" ;; esac
        done
    fi
    sleep 0.2
done
grep -qx END "$share/results" 2>/dev/null || fail "the guest did not finish its checks within 8 minutes of boot"
ended=$SECONDS
qmp_call '{"execute":"quit"}'
wait "$qemu_pid" 2>/dev/null; qemu_pid=""
echo "vm-checks: guest ($accel) ran $((ended - started)) s from power-on"

if [ "$failed" -gt 0 ]; then
    mkdir -p test-artifacts/vm
    cp "$share"/*.journal "$share/guest.log" "$work/console.log" "$work/tablet.out" "$work/qmp.log" test-artifacts/vm/ 2>/dev/null
    echo "vm-checks: the guest's journals, console and the host's device logs are in test-artifacts/vm/"
fi
finish
