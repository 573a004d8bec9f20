#!/usr/bin/env python3
"""A fault-injecting HTTP proxy between posagent's uploader and the real `posagent-central serve`.

Usage: fault_proxy.py UPSTREAM_PORT BODIES_DIR
Listens on 127.0.0.1 (any free port, printed first) and relays every request to 127.0.0.1:UPSTREAM_PORT,
one upstream connection per request. Each upload (POST /v1/stores/{store}/transactions) that reaches
serve is saved first as BODIES_DIR/NNNN.json, so a test can post the very same body again. Uploads
misbehave on command through POST /control (counts are of uploads; other requests pass untouched):
  {"fail": N, "status": 503}  answer the next N uploads with that status; serve never sees them
  {"delay": N, "seconds": S}  hold the next N uploads S seconds (past the agent's timeout), then relay them
  {"reset": N}                relay the head and half the body of the next N uploads, then reset both
                              connections: serve gets a cut-off request, the agent a reset before any answer
  {"reset_answer": N}         relay the next N uploads whole (serve stores them), pass back the answer's
                              status line and headers, then reset before its body
  {"lose_answer": N}          relay the next N uploads whole (serve stores them), then close without answering
GET /control/state answers {"uploads": n seen, "relayed": n reaching serve, "statuses": {"200": n, ...}
  (serve's answers), "unreachable": n (serve not there: answered 502), "faults": what is left to do}.
Serves until killed.
"""
import http.client
import json
import os
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM = ("127.0.0.1", int(sys.argv[1]))
BODIES = sys.argv[2]

lock = threading.Lock()
faults = {"fail": 0, "status": 503, "delay": 0, "seconds": 0, "reset": 0, "reset_answer": 0, "lose_answer": 0}
counters = {"uploads": 0, "relayed": 0, "unreachable": 0}
statuses = {}
# Headers of one hop, not of the message, and the ones BaseHTTPRequestHandler adds itself.
HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "date", "server"}


def reset(connection):
    """Closes with RST instead of FIN: what a peer sees when the other end's machine or a middlebox drops it."""
    try:
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.close()
    except OSError:
        pass


def take(name):
    """Uses up one count of fault `name`; True when there was one left."""
    if faults[name] > 0:
        faults[name] -= 1
        return True
    return False


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

    def read_body(self):
        return self.rfile.read(int(self.headers.get("Content-Length", "0")))

    def do_GET(self):
        if self.path == "/control/state":
            with lock:
                self.reply(200, dict(counters, statuses=statuses, faults=faults))
            return
        self.relay(self.read_body(), upload=False)

    def do_POST(self):
        body = self.read_body()
        if self.path == "/control":
            with lock:
                faults.update(json.loads(body or b"{}"))
                self.reply(200, faults)
            return
        upload = self.path.startswith("/v1/stores/") and self.path.endswith("/transactions")
        self.relay(body, upload=upload)

    def relay(self, body, upload):
        fault, delay = None, 0
        if upload:
            with lock:
                counters["uploads"] += 1
                if take("fail"):
                    fault = "fail"
                elif take("delay"):
                    delay = faults["seconds"]
                elif take("reset"):
                    fault = "reset"
                elif take("reset_answer"):
                    fault = "reset_answer"
                elif take("lose_answer"):
                    fault = "lose_answer"
        if fault == "fail":
            self.reply(faults["status"], {"error": "injected failure"})
            return
        if delay:
            time.sleep(delay)
        head = "%s %s HTTP/1.1\r\n" % (self.command, self.path)
        head += "".join("%s: %s\r\n" % (k, v) for k, v in self.headers.items() if k.lower() not in HOP)
        head += "Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body)
        try:
            upstream = socket.create_connection(UPSTREAM, timeout=120)
        except OSError:
            with lock:
                counters["unreachable"] += 1
            self.reply(502, {"error": "posagent-central serve is not reachable"})
            return
        try:
            if fault == "reset":
                upstream.sendall(head.encode() + body[: len(body) // 2])
                reset(upstream)
                reset(self.connection)
                self.close_connection = True
                return
            if upload:
                with lock:
                    counters["relayed"] += 1
                    name = os.path.join(BODIES, "%04d.json" % counters["relayed"])
                with open(name, "wb") as saved:
                    saved.write(body)
            upstream.sendall(head.encode() + body)
            answer = http.client.HTTPResponse(upstream)
            answer.begin()
            data = answer.read()
        except (OSError, http.client.HTTPException):
            # serve went away mid-request: the agent sees its connection reset, as through a load balancer.
            with lock:
                counters["unreachable"] += 1
            reset(self.connection)
            self.close_connection = True
            return
        finally:
            upstream.close()
        if upload:
            with lock:
                statuses[str(answer.status)] = statuses.get(str(answer.status), 0) + 1
        if fault == "lose_answer":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        try:
            self.send_response(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in HOP:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if fault == "reset_answer":
                self.wfile.flush()
                reset(self.connection)
                self.close_connection = True
                return
            self.wfile.write(data)
        except OSError:
            # The agent gave up waiting (a delay past its timeout): what serve answered goes nowhere.
            self.close_connection = True


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
