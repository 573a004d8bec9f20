#!/usr/bin/env python3
"""Sends QMP commands (one JSON object per argument) to a QEMU monitor socket and prints each answer.

Usage: qmp.py SOCKET '{"execute": "device_add", "arguments": {...}}' ... [sleep:SECONDS] ...
An argument sleep:SECONDS pauses between two commands (keys typed at a scanner's pace).
Exit 1 when QEMU answers a command with an error.
"""
import json
import socket
import sys
import time


def parse(argument):
    if argument.startswith("sleep:"):
        return float(argument[len("sleep:"):])
    return json.loads(argument)


def main() -> int:
    path, commands = sys.argv[1], sys.argv[2:]
    with socket.socket(socket.AF_UNIX) as connection:
        connection.settimeout(30)
        connection.connect(path)
        stream = connection.makefile("rw")
        json.loads(stream.readline())  # the greeting
        failed = False
        for index, command in enumerate([{"execute": "qmp_capabilities"}] + [parse(c) for c in commands]):
            if isinstance(command, float):
                time.sleep(command)
                continue
            stream.write(json.dumps(command) + "\n")
            stream.flush()
            while True:
                answer = json.loads(stream.readline())
                if "return" in answer or "error" in answer:  # anything else is an asynchronous event
                    break
            if index > 0:
                print(json.dumps(answer))
            failed = failed or "error" in answer
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
