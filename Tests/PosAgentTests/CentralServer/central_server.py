#!/usr/bin/env python3
"""A stand-in for the central loyalty server, for posagent's sync tests.

Speaks docs/sync-protocol.md on 127.0.0.1, keeps what it accepted in a JSON file (so it survives a
restart), and misbehaves on command through POST /control:
  {"fail": N, "status": 503}    answer the next N uploads with that status
  {"delay": N, "seconds": S}    answer the next N uploads after S seconds (past the agent's timeout)
  {"reset": N}                  reset the connection of the next N uploads before reading their body
  {"lose_ack": N}               store the next N batches, then close without answering
  {"reject_payments": [P, ...]} reject transactions with these payments (code "bad_payment")
  {"otp_secrets": [secret, ...]} add members' secrets to the feed, numbered on from the last "seq"
  {"secrets_fail": N}           answer the next N fetches of secrets with "status"
GET /v1/stores/{store}/otp-secrets?after=&limit= pages through the secrets (whatever their storeId).
GET /control/state answers {"transactions": {id: transaction}, "uploads": n, "duplicates": n,
  "secret_fetches": [{"store", "after", "limit", "status"}, ...]}.
Prints the port it listens on, then serves until killed.
"""
import json
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse

TOKEN = sys.argv[1]
STATE_FILE = sys.argv[2]
PORT = int(sys.argv[3]) if len(sys.argv) > 3 else 0

lock = threading.Lock()
try:
    with open(STATE_FILE) as f:
        state = json.load(f)
except FileNotFoundError:
    state = {"transactions": {}, "uploads": 0, "duplicates": 0}
state.setdefault("reject_payments", [])  # kept across a restart, like the server's own rules
state.setdefault("otp_secrets", [])
state.setdefault("secret_fetches", [])
faults = {"fail": 0, "status": 503, "delay": 0, "seconds": 0, "reset": 0, "lose_ack": 0, "secrets_fail": 0}


def save():
    tmp = STATE_FILE + ".tmp"
    with open(tmp, "w") as f:
        json.dump(state, f)
    import os
    os.replace(tmp, STATE_FILE)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length", "0"))
        return json.loads(self.rfile.read(length) or b"{}")

    def do_GET(self):
        if self.path == "/control/state":
            with lock:
                self.reply(200, state)
            return
        url = urlparse(self.path)
        parts = url.path.split("/")
        if len(parts) != 5 or parts[1:3] != ["v1", "stores"] or parts[4] != "otp-secrets":
            self.reply(404, {"error": "not found"})
            return
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            self.reply(401, {"error": "bad token"})
            return
        query = parse_qs(url.query)
        after = query.get("after", [None])[0]
        limit = int(query.get("limit", ["100"])[0])
        with lock:
            fetch = {"store": unquote(parts[3]), "after": after, "limit": limit, "status": 200}
            state["secret_fetches"].append(fetch)
            if faults["secrets_fail"] > 0:
                faults["secrets_fail"] -= 1
                fetch["status"] = faults["status"]
                save()
                self.reply(faults["status"], {"error": "injected failure"})
                return
            waiting = [s for s in state["otp_secrets"] if s["seq"] > int(after or 0)]
            page = waiting[:limit]
            more = len(waiting) > limit
            save()
        self.reply(200, {"secrets": page, "nextCursor": str(page[-1]["seq"]) if more else None})

    def do_POST(self):
        if self.path == "/control":
            with lock:
                command = self.body()
                if "reject_payments" in command:
                    state["reject_payments"] = command.pop("reject_payments")
                    save()
                for secret in command.pop("otp_secrets", []):
                    secret["seq"] = (state["otp_secrets"][-1]["seq"] if state["otp_secrets"] else 0) + 1
                    state["otp_secrets"].append(secret)
                    save()
                faults.update(command)
            self.reply(200, faults)
            return
        if not (self.path.startswith("/v1/stores/") and self.path.endswith("/transactions")):
            self.reply(404, {"error": "not found"})
            return
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            self.reply(401, {"error": "bad token"})
            return
        with lock:
            if faults["reset"] > 0:
                faults["reset"] -= 1
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True
                return
        batch = self.body()
        with lock:
            state["uploads"] += 1
            if faults["fail"] > 0:
                faults["fail"] -= 1
                self.reply(faults["status"], {"error": "injected failure"})
                return
            delay = 0
            if faults["delay"] > 0:
                faults["delay"] -= 1
                delay = faults["seconds"]
        if delay:
            time.sleep(delay)
        accepted, duplicates, rejected = [], [], []
        with lock:
            for transaction in batch["transactions"]:
                tid = transaction["id"]
                if transaction["payment"] in state["reject_payments"]:
                    rejected.append({"id": tid, "code": "bad_payment", "reason": "payment refused by the test"})
                elif tid in state["transactions"]:
                    duplicates.append(tid)
                    state["duplicates"] += 1
                else:
                    state["transactions"][tid] = transaction
                    accepted.append(tid)
            save()
            if faults["lose_ack"] > 0:
                faults["lose_ack"] -= 1
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
        self.reply(200, {"accepted": accepted, "duplicates": duplicates, "rejected": rejected})


server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
