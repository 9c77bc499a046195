#!/usr/bin/env python3
"""Webhook deliveries/s against a running Pergola, to a receiver on loopback (allowed.hosts = 127.0.0.1).

Usage: bench/webhooks.sh, or python3 bench/webhooks_bench.py BASE_URL ADMIN_PASSWORD [events] [subscriptions]
Each event is a REST change (PATCH of a decoy webhook → webhook.updated); every subscription receives every one.
Prints figures; checks only that every delivery arrived once.
"""
import http.client
import http.server
import json
import sys
import threading
import time
import urllib.parse


class Receiver(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.deliveries = set()
        self.count = 0
        self.first = None
        self.last = None
        self.gate = threading.Event()
        self.gate.set()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.gate.wait(8)  # closed: the receiver holds its answer, so the subscription's queue backs up
        self.send_response(204)
        self.end_headers()
        s = self.server
        with s.lock:
            now = time.monotonic()
            s.first = s.first or now
            s.last = now
            s.count += 1
            s.deliveries.add(self.headers["X-Pergola-Delivery"])

    def log_message(self, *args):
        pass


class Api:
    def __init__(self, base, password):
        u = urllib.parse.urlparse(base)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
        status, body = self.call("POST", "/api/v1/auth/login", {"username": "admin", "password": password}, auth=False)
        if status != 200:
            raise SystemExit("login failed: %d %s" % (status, body[:200]))
        self.token = json.loads(body)["data"]["access_token"]

    def call(self, method, path, body=None, auth=True):
        headers = {"Content-Type": "application/json"}
        if auth:
            headers["Authorization"] = "Bearer " + self.token
        for attempt in range(2):
            try:
                self.conn.request(method, path, json.dumps(body) if body is not None else None, headers)
                r = self.conn.getresponse()
                return r.status, r.read()
            except (http.client.RemoteDisconnected, ConnectionError):
                self.conn.close()  # the server closed an idle keep-alive connection: reconnect once
                if attempt:
                    raise


def run(api, receiver, events, subscriptions, backlog=False):
    port = receiver.server_address[1]
    ids = []
    for i in range(subscriptions):
        status, body = api.call("POST", "/api/v1/webhooks", {"url": "http://127.0.0.1:%d/s%d" % (port, i),
                                                              "events": ["webhook.updated"]})
        assert status == 201, body
        ids.append(json.loads(body)["data"]["id"])
    status, body = api.call("POST", "/api/v1/webhooks", {"url": "https://decoy.example/", "events": ["user.*"],
                                                         "active": False})
    decoy = json.loads(body)["data"]["id"]
    time.sleep(2)  # let the creation events through
    with receiver.lock:
        receiver.count, receiver.first, receiver.deliveries = 0, None, set()
    expected = events * subscriptions
    if backlog:
        receiver.gate.clear()
    start = time.monotonic()
    for n in range(events):
        status, body = api.call("PATCH", "/api/v1/webhooks/" + decoy, {"description": "bench-%d" % n})
        assert status == 200, body
    changes = time.monotonic() - start
    if backlog:  # wait until every delivery is queued, then open the gate and time the drain alone
        while True:
            queued = sum(json.loads(api.call("GET", "/api/v1/webhooks/%s/deliveries?per_page=1" % i)[1])["meta"]["total"]
                         for i in ids)
            if queued >= expected:
                break
            time.sleep(0.2)
        time.sleep(0.5)
        start = time.monotonic()
        receiver.gate.set()
    deadline = time.monotonic() + 600
    while receiver.count < expected and time.monotonic() < deadline:
        time.sleep(0.05)
    elapsed = receiver.last - start
    print("  %s%d events x %d subscriptions: %d deliveries in %.2f s -> %.0f deliveries/s"
          " (REST changes took %.2f s, %.0f/s); unique delivery ids %d, duplicates %d"
          % ("backlog drain, " if backlog else "end to end, ", events, subscriptions, receiver.count, elapsed, receiver.count / elapsed, changes, events / changes,
             len(receiver.deliveries), receiver.count - len(receiver.deliveries)))
    retried, errors = 0, set()
    for i in ids:
        page = json.loads(api.call("GET", "/api/v1/webhooks/%s/deliveries?per_page=100&filter[attempts][gte]=2" % i)[1])
        retried += page["meta"]["total"]
        errors.update(d.get("last_error") or "-" for d in page["data"])
    if backlog and subscriptions == 1 and "-v" in sys.argv:
        page = json.loads(api.call("GET", "/api/v1/webhooks/%s/deliveries?per_page=8&sort=created_at" % ids[0])[1])
        for d in page["data"]:
            print("    ", d["created_at"], d.get("delivered_at"), d.get("duration_ms"), d["attempts"])
    if retried:
        print("    %d deliveries needed more than one attempt; errors seen: %s" % (retried, sorted(errors)[:5]))
    for i in ids + [decoy]:
        api.call("DELETE", "/api/v1/webhooks/" + i)
    time.sleep(1)


def main():
    base, password = sys.argv[1], sys.argv[2]
    events = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    subscriptions = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    receiver = Receiver()
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    api = Api(base, password)
    for _ in range(60):  # the webhooks bundle comes up after health
        if api.call("GET", "/api/v1/webhooks")[0] == 200:
            break
        time.sleep(0.5)
    print("webhook deliveries to a local receiver:")
    run(api, receiver, 20, 2)  # warm-up
    if "-v" not in sys.argv:
        run(api, receiver, events, subscriptions)
        run(api, receiver, events * 2, 1)
    run(api, receiver, events, subscriptions, backlog=True)
    run(api, receiver, events * 2, 1, backlog=True)


if __name__ == "__main__":
    main()
