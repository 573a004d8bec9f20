#!/usr/bin/env python3
"""A stand-in for the central loyalty server, for posagent's sync tests.

Speaks docs/sync-protocol.md on 127.0.0.1 and keeps what it accepted in an append-only journal (one
JSON line per upload, so it survives a restart and a 100,000-transaction drain costs one short write per
batch), and misbehaves on command through POST /control:
  {"fail": N, "status": 503}    answer the next N uploads with that status
  {"delay": N, "seconds": S}    answer the next N uploads after S seconds (past the agent's timeout)
  {"reset": N}                  reset the connection of the next N uploads before reading their body
  {"lose_ack": N}               store the next N batches, then close without answering
  {"reject_payments": [P, ...]} reject transactions with these payments (code "bad_payment")
  {"otp_secrets": [secret, ...]} add members' secrets to the feed, numbered on from the last "seq"
  {"secrets_fail": N}           answer the next N fetches of secrets with "status"
  {"marketing": [{"file": PATH, "title": T, "from": D, "until": D, "sha256": H}, ...]}
                                the chain's marketing set from now on, in this order (the file's bytes
                                served under their SHA-256, or under "sha256" when given: a lie)
  {"marketing_fail": N}         answer the next N fetches of the marketing set with "status"
GET /v1/stores/{store}/marketing and /v1/stores/{store}/marketing/images/{sha256} serve that set.
GET /v1/stores/{store}/otp-secrets?after=&limit= pages through the secrets (whatever their storeId).
GET /control/state answers {"transactions": {id: transaction}, "uploads": n, "duplicates": n,
  "secret_fetches": [{"store", "after", "limit", "status"}, ...], "image_fetches": [sha256, ...]}.
GET /control/ids answers {"transactions": [[id, seq], ...] in the order stored, "uploads": n, "duplicates": n}.
Prints the port it listens on, then serves until killed. Arguments: TOKEN JOURNAL [PORT [CERTIFICATE KEY]];
with the last two it serves HTTPS.
"""
import hashlib
import json
import socket
import ssl
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse

TOKEN = sys.argv[1]
JOURNAL = sys.argv[2]
PORT = int(sys.argv[3]) if len(sys.argv) > 3 else 0
# HTTPS with this certificate chain and key (PEM files) when given.
CERTIFICATE = sys.argv[4] if len(sys.argv) > 5 else None
KEY = sys.argv[5] if len(sys.argv) > 5 else None

lock = threading.Lock()
# id -> (seq, the transaction as compact JSON text); dicts keep the order transactions were stored in.
transactions = {}
counters = {"uploads": 0, "duplicates": 0}
reject_payments = []  # kept across a restart, like the server's own rules
otp_secrets = []  # the feed of members' secrets, each with its "seq"
secret_fetches = []
marketing = []  # the chain's set: [{"sha256", "title", "from", "until"}], in order (not kept across a restart)
marketing_files = {}  # sha256 -> bytes
image_fetches = []
faults = {"fail": 0, "status": 503, "delay": 0, "seconds": 0, "reset": 0, "lose_ack": 0, "secrets_fail": 0,
          "marketing_fail": 0}


def compact(value):
    return json.dumps(value, separators=(",", ":"))


def replay():
    global reject_payments
    try:
        journal = open(JOURNAL)
    except FileNotFoundError:
        return
    with journal:
        for line in journal:
            entry = json.loads(line)
            if "reject_payments" in entry:
                reject_payments = entry["reject_payments"]
            counters["uploads"] += entry.get("uploads", 0)
            counters["duplicates"] += entry.get("duplicates", 0)
            for transaction in entry.get("accepted", []):
                transactions[transaction["id"]] = (transaction["seq"], compact(transaction))
            if "otp_secret" in entry:
                otp_secrets.append(entry["otp_secret"])
            if "secret_fetch" in entry:
                secret_fetches.append(entry["secret_fetch"])


replay()
journal = open(JOURNAL, "a")


def record(line):
    """Appends one journal line; flushed, so a killed server keeps it (the page cache outlives us)."""
    journal.write(line + "\n")
    journal.flush()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body):
        self.reply_text(status, compact(body))

    def reply_text(self, status, text):
        data = text.encode()
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
                held = ",".join('"%s":%s' % (tid, text) for tid, (_, text) in transactions.items())
                self.reply_text(200, '{"transactions":{%s},"uploads":%d,"duplicates":%d,"secret_fetches":%s,"image_fetches":%s}'
                                % (held, counters["uploads"], counters["duplicates"], compact(secret_fetches),
                                   compact(image_fetches)))
        elif self.path == "/control/ids":
            with lock:
                self.reply(200, {"transactions": [[tid, seq] for tid, (seq, _) in transactions.items()],
                                 "uploads": counters["uploads"], "duplicates": counters["duplicates"]})
        elif "/marketing" in self.path:
            self.marketing()
        else:
            self.otp_secrets()

    def marketing(self):
        parts = urlparse(self.path).path.split("/")
        if len(parts) < 5 or parts[1:3] != ["v1", "stores"] or parts[4] != "marketing":
            self.reply(404, {"error": "not found"})
            return
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            self.reply(401, {"error": "bad token"})
            return
        with lock:
            if len(parts) == 5:
                if faults["marketing_fail"] > 0:
                    faults["marketing_fail"] -= 1
                    self.reply(faults["status"], {"error": "injected failure"})
                    return
                self.reply(200, {"images": marketing})
                return
            data = marketing_files.get(parts[6]) if len(parts) == 7 and parts[5] == "images" else None
            if data is None:
                self.reply(404, {"error": "no such image"})
                return
            image_fetches.append(parts[6])
        self.send_response(200)
        self.send_header("Content-Type", "image/png" if data.startswith(b"\x89PNG") else "image/jpeg")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def otp_secrets(self):
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
            secret_fetches.append(fetch)
            if faults["secrets_fail"] > 0:
                faults["secrets_fail"] -= 1
                fetch["status"] = faults["status"]
                record(compact({"secret_fetch": fetch}))
                self.reply(faults["status"], {"error": "injected failure"})
                return
            waiting = [s for s in otp_secrets if s["seq"] > int(after or 0)]
            page = waiting[:limit]
            more = len(waiting) > limit
            record(compact({"secret_fetch": fetch}))
        self.reply(200, {"secrets": page, "nextCursor": str(page[-1]["seq"]) if more else None})

    def do_POST(self):
        global reject_payments
        if self.path == "/control":
            with lock:
                command = self.body()
                if "reject_payments" in command:
                    reject_payments = command.pop("reject_payments")
                    record(compact({"reject_payments": reject_payments}))
                for secret in command.pop("otp_secrets", []):
                    secret["seq"] = (otp_secrets[-1]["seq"] if otp_secrets else 0) + 1
                    otp_secrets.append(secret)
                    record(compact({"otp_secret": secret}))
                if "marketing" in command:
                    marketing.clear()
                    for image in command.pop("marketing"):
                        with open(image.pop("file"), "rb") as file:
                            data = file.read()
                        image.setdefault("sha256", hashlib.sha256(data).hexdigest())
                        marketing_files[image["sha256"]] = data
                        marketing.append(image)
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
            counters["uploads"] += 1
            if faults["fail"] > 0:
                faults["fail"] -= 1
                record('{"uploads":1}')
                self.reply(faults["status"], {"error": "injected failure"})
                return
            delay = 0
            if faults["delay"] > 0:
                faults["delay"] -= 1
                delay = faults["seconds"]
        if delay:
            time.sleep(delay)
        accepted, duplicates, rejected, stored = [], [], [], []
        with lock:
            for transaction in batch["transactions"]:
                tid = transaction["id"]
                if transaction["payment"] in reject_payments:
                    rejected.append({"id": tid, "code": "bad_payment", "reason": "payment refused by the test"})
                elif tid in transactions:
                    duplicates.append(tid)
                else:
                    text = compact(transaction)
                    transactions[tid] = (transaction["seq"], text)
                    stored.append(text)
                    accepted.append(tid)
            counters["duplicates"] += len(duplicates)
            record('{"uploads":1,"duplicates":%d,"accepted":[%s]}' % (len(duplicates), ",".join(stored)))
            if faults["lose_ack"] > 0:
                faults["lose_ack"] -= 1
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
        self.reply(200, {"accepted": accepted, "duplicates": duplicates, "rejected": rejected})


server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
server.daemon_threads = True
if CERTIFICATE:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(CERTIFICATE, KEY)
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
