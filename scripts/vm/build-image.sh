#!/usr/bin/env bash
# Builds the Debian 12 guest of scripts/vm-checks.sh into DIR: root.ext4 (made with mkfs.ext4 -d, no loop
# mount), vmlinuz and initrd.img taken from it. Needs root (debootstrap) and the network to MIRROR.
# Usage: scripts/vm/build-image.sh DIR MIRROR
set -euo pipefail
dir=$1 mirror=$2
here=$(cd "$(dirname "$0")" && pwd)
root="$dir/root"

# evtest: to look at a keyboard scanner's events; libsqlite3-0 and procps (/bin/kill, for ExecReload=): the
# package's dependencies that minbase lacks.
debootstrap --variant=minbase --include=systemd,systemd-sysv,udev,dbus,kmod,linux-image-amd64,evtest,libsqlite3-0,procps \
    bookworm "$root" "$mirror" >"$dir/debootstrap.log" 2>&1 \
    || { tail -n 20 "$dir/debootstrap.log" >&2; exit 1; }

echo posagent-vm >"$root/etc/hostname"
# No consoles to log in on: the machine runs the checks unattended and powers off.
for unit in serial-getty@ttyS0.service getty@tty1.service apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer; do
    ln -sf /dev/null "$root/etc/systemd/system/$unit"
done
install -m 0644 "$here/posagent-vm-checks.service" "$root/etc/systemd/system/posagent-vm-checks.service"
mkdir -p "$root/etc/systemd/system/multi-user.target.wants"
ln -sf /etc/systemd/system/posagent-vm-checks.service "$root/etc/systemd/system/multi-user.target.wants/"
rm -f "$root/etc/machine-id" && touch "$root/etc/machine-id"
rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"*

cp "$(ls "$root"/boot/vmlinuz-* | tail -n 1)" "$dir/vmlinuz"
cp "$(ls "$root"/boot/initrd.img-* | tail -n 1)" "$dir/initrd.img"
truncate -s 2G "$dir/root.ext4"
mkfs.ext4 -q -F -L posagent-vm -d "$root" "$dir/root.ext4"
rm -rf "$root"
