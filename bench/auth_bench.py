#!/usr/bin/env python3
"""Login latency and throughput, and the cost of authentication on a GET, against a running Pergola.

Usage: bench/auth.sh (unpacks and starts a fresh distribution, runs this, stops it), or
       python3 bench/auth_bench.py BASE_URL ADMIN_PASSWORD [seconds]
Prints figures; asserts nothing.
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse


def connect(base):
    u = urllib.parse.urlparse(base)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=30)


def login(conn, password, busy=None):
    body = json.dumps({"username": "admin", "password": password})
    conn.request("POST", "/api/v1/auth/login", body, {"Content-Type": "application/json"})
    r = conn.getresponse()
    data = r.read()
    if r.status == 503 and busy is not None:  # every hash permit taken (login.concurrent.hashes): try again
        busy[0] += 1
        time.sleep(0.01)
        return login(conn, password, busy)
    if r.status != 200:
        raise SystemExit("login failed: %d %s" % (r.status, data[:200]))
    return json.loads(data)["data"]["access_token"]


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))]


def throughput(base, path, headers, seconds, threads):
    count = [0] * threads
    errors = [0] * threads
    stop = time.monotonic() + seconds

    def worker(i):
        conn = connect(base)
        while time.monotonic() < stop:
            conn.request("GET", path, headers=headers)
            r = conn.getresponse()
            r.read()
            if r.status == 200:
                count[i] += 1
            else:
                errors[i] += 1
        conn.close()

    ts = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    start = time.monotonic()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    elapsed = time.monotonic() - start
    return sum(count) / elapsed, sum(errors)


def main():
    base, password = sys.argv[1], sys.argv[2]
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 10
    conn = connect(base)
    for _ in range(5):  # warm-up
        login(conn, password)
    latencies = []
    for _ in range(100):
        t0 = time.perf_counter()
        login(conn, password)
        latencies.append((time.perf_counter() - t0) * 1000)
    print("login (Argon2id m=19 MiB, t=2, p=1), 100 sequential: p50 %.1f ms, p95 %.1f ms, max %.1f ms"
          % (percentile(latencies, 50), percentile(latencies, 95), max(latencies)))

    done = [0]
    busy = [0]
    stop = time.monotonic() + seconds

    def login_worker():
        c = connect(base)
        while time.monotonic() < stop:
            login(c, password, busy)
            done[0] += 1

    ts = [threading.Thread(target=login_worker) for _ in range(2)]
    t0 = time.monotonic()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("logins/s with 2 concurrent clients over %.0f s: %.1f (%d answers 503 busy, retried)"
          % (seconds, done[0] / (time.monotonic() - t0), busy[0]))

    token = login(conn, password)
    public, e1 = throughput(base, "/api/health/live", {}, seconds, 4)
    same, e2 = throughput(base, "/api/health/live", {"Authorization": "Bearer " + token}, seconds, 4)
    authed, e3 = throughput(base, "/api/v1/auth/me", {"Authorization": "Bearer " + token}, seconds, 4)
    print("GET /api/health/live anonymous: %.0f req/s; the same with a bearer token (authentication only): %.0f req/s,"
          " ratio %.2f" % (public, same, same / public))
    print("GET /api/v1/auth/me (authenticated, reads the account): %.0f req/s, ratio %.2f to the public GET"
          " (errors %d/%d/%d)" % (authed, authed / public, e1, e2, e3))


if __name__ == "__main__":
    main()
