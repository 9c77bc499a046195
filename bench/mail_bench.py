#!/usr/bin/env python3
"""Emails/s from Pergola's queue to a minimal SMTP server on loopback.

Usage: bench/mail.sh, or python3 bench/mail_bench.py BASE_URL ADMIN_PASSWORD MAILS SMTP_PORT MAIL_CFG
Queues MAILS test mails (POST /api/v1/email-queue/test) while the mail PID has no host, then writes
host = 127.0.0.1 into MAIL_CFG and times the drain. Checks that every mail arrived exactly once.
"""
import collections
import http.client
import json
import re
import socketserver
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor


class Smtp(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port):
        super().__init__(("127.0.0.1", port), SmtpSession)
        self.lock = threading.Lock()
        self.received = collections.Counter()
        self.first = None
        self.last = None


class SmtpSession(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) for one client: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        self.reply("220 bench ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.reply("250-bench\r\n250 8BITMIME")
            elif verb == b"DATA":
                self.reply("354 go ahead")
                ident = None
                while True:
                    data = self.rfile.readline()
                    if data in (b".\r\n", b".\n", b""):
                        break
                    m = re.match(rb"X-Pergola-Email-Id: (\S+)", data)
                    if m:
                        ident = m.group(1).decode()
                s = self.server
                with s.lock:
                    now = time.monotonic()
                    s.first = s.first or now
                    s.last = now
                    s.received[ident] += 1
                self.reply("250 queued")
            elif verb == b"QUIT":
                self.reply("221 bye")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                self.reply("250 ok")


class Api:
    def __init__(self, base, password):
        self.base = urllib.parse.urlparse(base)
        self.local = threading.local()
        status, body = self.call("POST", "/api/v1/auth/login", {"username": "admin", "password": password}, auth=False)
        if status != 200:
            raise SystemExit("login failed: %d %s" % (status, body[:200]))
        self.token = json.loads(body)["data"]["access_token"]

    def call(self, method, path, body=None, auth=True):
        if not hasattr(self.local, "conn"):
            self.local.conn = http.client.HTTPConnection(self.base.hostname, self.base.port, timeout=60)
        headers = {"Content-Type": "application/json"}
        if auth:
            headers["Authorization"] = "Bearer " + self.token
        self.local.conn.request(method, path, json.dumps(body) if body is not None else None, headers)
        r = self.local.conn.getresponse()
        return r.status, r.read().decode()


def total(api, status):
    code, body = api.call("GET", "/api/v1/email-queue?per_page=1&filter[status]=" + status)
    return json.loads(body)["meta"]["total"]


def main():
    base, password, mails, smtp_port, cfg = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    smtp = Smtp(smtp_port)
    threading.Thread(target=smtp.serve_forever, daemon=True).start()
    api = Api(base, password)
    for _ in range(300):  # /api/health answers before every resource is registered
        if api.call("GET", "/api/v1/email-queue?per_page=1")[0] == 200:
            break
        time.sleep(0.2)

    def queue(i):
        status, body = api.call("POST", "/api/v1/email-queue/test", {"to": "bench%d@example.test" % i})
        if status != 202:
            raise SystemExit("queueing failed: %d %s" % (status, body[:200]))
        return json.loads(body)["data"]["id"]

    started = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(queue, range(mails)))
    queued = time.monotonic() - started
    print("[figure] queued %d mails over REST in %.2f s: %.0f mails/s (8 clients)" % (mails, queued, mails / queued))

    with open(cfg) as f:
        text = f.read()
    with open(cfg, "w") as f:
        f.write(re.sub(r"(?m)^host =$", "host = 127.0.0.1", text))
    set_at = time.monotonic()
    deadline = set_at + 600
    while sum(smtp.received.values()) < mails and time.monotonic() < deadline:
        time.sleep(0.05)
    got = sum(smtp.received.values())
    drain = smtp.last - smtp.first if smtp.first and smtp.last and smtp.last > smtp.first else float("nan")
    print("[figure] drained %d of %d mails in %.2f s (first to last received): %.0f mails/s; first mail %.2f s after"
          " the host was set (config applied at run time)" % (got, mails, drain, got / drain, smtp.first - set_at))
    time.sleep(1)
    dupes = [i for i, n in smtp.received.items() if n > 1]
    missing = [i for i in ids if smtp.received.get(i, 0) == 0]
    sent = total(api, "sent")
    print("[figure] queue after the drain: %d sent, %d pending, %d failed; duplicates %d, missing %d"
          % (sent, total(api, "pending"), total(api, "failed"), len(dupes), len(missing)))
    if dupes or missing:
        raise SystemExit("FAILED: duplicates %s missing %s" % (dupes[:5], missing[:5]))


if __name__ == "__main__":
    main()
