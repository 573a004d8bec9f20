#!/usr/bin/python3
"""Drives a umockdev testbed for a Swift test process.

Run as: umockdev-wrapper /usr/bin/python3 testbed.py CHILD ARGS...

The child inherits the testbed (LD_PRELOAD and UMOCKDEV_DIR) and sends commands, one per line, on
the descriptor named by POSAGENT_UMOCKDEV_COMMANDS; each gets one reply line ("ok ..." or
"error ...") on POSAGENT_UMOCKDEV_REPLIES. Commands:

  add NODE MAJOR:MINOR VENDOR PRODUCT SERIAL [KEY=VALUE ...]
      a USB CDC-ACM tty /dev/NODE whose USB parent has the idVendor/idProduct/serial sysattrs;
      KEY=VALUE pairs become udev properties of the tty. Replies with the tty's syspath.
  addkbd NODE MAJOR:MINOR VENDOR PRODUCT SERIAL [KEY=VALUE ...]
      a USB HID keyboard: its inputN device and /dev/input/NODE (an eventN), with the USB parent's
      sysattrs; KEY=VALUE pairs become udev properties of the inputN parent, where the evdev
      node's IDs live. Replies with the eventN's syspath.
  evemu DEVNODE FILE         replay an evemu .events file to whoever opens DEVNODE (load it before
                             the node is opened)
  uevent SYSPATH ACTION      synthesise a uevent (add, change, remove)
  remove SYSPATH             a remove uevent, then the device leaves /sys
  write DEVNODE HEX          bytes from the device to whoever opened DEVNODE
  read DEVNODE               bytes sent to the device (waits up to 5 s for the first), as hex

The exit status is the child's.
"""
import os
import select
import subprocess
import sys

import gi

gi.require_version("UMockdev", "1.0")
from gi.repository import UMockdev  # noqa: E402

testbed = UMockdev.Testbed.new()
usb_count = 0


def usb_device(vendor, product, serial, driver):
    """A new USB device with one interface bound to driver: its number, the interface's devpath and
    the text that describes the two to the testbed."""
    global usb_count
    usb_count += 1
    usb = f"/devices/pci0000:00/0000:00:14.0/usb1/1-{usb_count}"
    interface = f"{usb}/1-{usb_count}:1.0"
    text = (
        f"P: {interface}\nE: DEVTYPE=usb_interface\nE: SUBSYSTEM=usb\nE: DRIVER={driver}\nA: bInterfaceNumber=00\n\n"
        f"P: {usb}\nE: DEVTYPE=usb_device\nE: SUBSYSTEM=usb\n"
        f"A: idVendor={vendor}\nA: idProduct={product}\nA: serial={serial}\n"
    )
    return usb_count, interface, text


def udev_properties(pairs):
    return "".join(f"E: {pair}\n" for pair in pairs)


def add(node, devno, vendor, product, serial, *pairs):
    _, interface, usb = usb_device(vendor, product, serial, "cdc_acm")
    tty = f"{interface}/tty/{node}"
    testbed.add_from_string(
        f"P: {tty}\nN: {node}\nE: DEVNAME=/dev/{node}\nE: SUBSYSTEM=tty\n{udev_properties(pairs)}A: dev={devno}\n\n"
        + usb
    )
    return "/sys" + tty


def add_keyboard(node, devno, vendor, product, serial, *pairs):
    number, interface, usb = usb_device(vendor, product, serial, "usbhid")
    hid = f"{interface}/0003:{vendor.upper()}:{product.upper()}.{number:04X}"
    parent = f"{hid}/input/input{number}"
    event = f"{parent}/{node}"
    testbed.add_from_string(
        f"P: {event}\nN: input/{node}\nE: DEVNAME=/dev/input/{node}\nE: SUBSYSTEM=input\nA: dev={devno}\n\n"
        f"P: {parent}\nE: SUBSYSTEM=input\nE: PRODUCT=3/{vendor}/{product}/110\n{udev_properties(pairs)}"
        f"A: name=Scanner {serial}\n\n"
        f"P: {hid}\nE: SUBSYSTEM=hid\nE: DRIVER=hid-generic\n\n"
        + usb
    )
    return "/sys" + event


def read_device(devnode):
    fd = testbed.get_dev_fd(devnode)
    ready, _, _ = select.select([fd], [], [], 5.0)
    if not ready:
        return ""
    return os.read(fd, 65536).hex()


def execute(words):
    command = words[0]
    if command == "add":
        return add(*words[1:])
    if command == "addkbd":
        return add_keyboard(*words[1:])
    if command == "evemu":
        testbed.load_evemu_events(words[1], words[2])
        return ""
    if command == "uevent":
        testbed.uevent(words[1], words[2])
        return ""
    if command == "remove":
        testbed.uevent(words[1], "remove")
        testbed.remove_device(words[1])
        return ""
    if command == "write":
        os.write(testbed.get_dev_fd(words[1]), bytes.fromhex(words[2]))
        return ""
    if command == "read":
        return read_device(words[1])
    raise ValueError(f"unknown command {command}")


def main():
    commands_read, commands_write = os.pipe()
    replies_read, replies_write = os.pipe()
    env = dict(os.environ)
    # The testbed set UMOCKDEV_DIR with setenv(), which os.environ does not see.
    env["UMOCKDEV_DIR"] = testbed.get_root_dir()
    env["POSAGENT_UMOCKDEV_COMMANDS"] = str(commands_write)
    env["POSAGENT_UMOCKDEV_REPLIES"] = str(replies_read)
    child = subprocess.Popen(sys.argv[1:], env=env, pass_fds=(commands_write, replies_read))
    os.close(commands_write)
    os.close(replies_read)
    with os.fdopen(commands_read, "r") as commands, os.fdopen(replies_write, "w") as replies:
        for line in commands:
            try:
                reply = "ok " + execute(line.split())
            except Exception as error:  # the child reports it as a test failure
                reply = f"error {error!r}"
            replies.write(reply.strip() + "\n")
            replies.flush()
    sys.exit(child.wait())


main()
