#!/usr/bin/env python3
"""A flood of Basic-auth requests with random user names against /system/console, with a signed-in admin's
GET /api/v1/auth/me latency measured idle and during the flood, and the JVM's heap (jcmd GC.heap_info) and RSS
sampled throughout.

Usage: bench/console-flood.sh, or python3 bench/console_flood.py BASE ADMIN_PASSWORD PID LABEL SPREAD(true|false)
"""
import base64
import http.client
import json
import random
import re
import signal
import statistics
import os
import subprocess
import sys
import threading
import time
import urllib.parse

FLOOD = 1000


def connect(base):
    u = urllib.parse.urlparse(base)
    if u.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("loopback only")
    return http.client.HTTPConnection(u.hostname, u.port, timeout=120)


def admin_token(base, password):
    conn = connect(base)
    conn.request("POST", "/api/v1/auth/login", json.dumps({"username": "admin", "password": password}),
                 {"Content-Type": "application/json", "X-Forwarded-For": "192.0.2.250"})
    r = conn.getresponse()
    data = r.read()
    if r.status != 200:
        raise SystemExit("admin login failed: %d %s" % (r.status, data[:200]))
    return json.loads(data)["data"]["access_token"]


def me_latencies(base, token, stop, out):
    conn = connect(base)
    while not stop.is_set():
        t = time.perf_counter()
        conn.request("GET", "/api/v1/auth/me", headers={"Authorization": "Bearer " + token})
        r = conn.getresponse()
        r.read()
        if r.status != 200:
            raise SystemExit("auth/me answered %d" % r.status)
        out.append((time.perf_counter() - t) * 1000)
        time.sleep(0.02)


def probe(base, token, stop, out):
    """Runs the latency loop in its own process: 1,000 attacker threads here would skew it through the GIL."""
    proc = subprocess.Popen([sys.executable, __file__, "probe", base, token], stdout=subprocess.PIPE, text=True)
    stop.wait()
    proc.terminate()
    out.extend(float(line) for line in proc.communicate()[0].split())


def probe_main(base, token):
    samples = []
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    t = threading.Thread(target=me_latencies, args=(base, token, stop, samples))
    t.start()
    t.join()
    print("\n".join("%.3f" % v for v in samples), flush=True)


def heap_used_mib(pid):
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True).stdout
    m = re.search(r"used (\d+)K", out)
    return int(m.group(1)) / 1024 if m else float("nan")


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def sample_memory(pid, stop, heaps, rss):
    while not stop.is_set():
        heaps.append(heap_used_mib(pid))
        rss.append(rss_mib(pid))
        time.sleep(0.25)


def summary(values):
    s = sorted(values)
    return "median %.1f ms, p95 %.1f ms, max %.1f ms (n=%d)" % (
        statistics.median(s), s[min(len(s) - 1, int(0.95 * (len(s) - 1)))], s[-1], len(s))


ATTACKER_NICE = int(os.environ.get("BENCH_ATTACKER_NICE", "19"))


def main():
    base, password, pid, label, spread = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5] == "true"
    token = admin_token(base, password)
    idle, stop = [], threading.Event()
    t = threading.Thread(target=probe, args=(base, token, stop, idle))
    t.start()
    time.sleep(3)
    stop.set()
    t.join()
    heap_before, rss_before = heap_used_mib(pid), rss_mib(pid)

    statuses = {}
    lock = threading.Lock()
    go = threading.Barrier(FLOOD + 1)

    def attacker(i):
        # The attacker's CPU is not the server's: on this 2-core box the flood's own 1,000 client threads would
        # otherwise compete with the server and the probe, and the figure would measure the load generator.
        # BENCH_ATTACKER_NICE=0 measures that shared-CPU case instead.
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), ATTACKER_NICE)
        user = "u%08x" % random.getrandbits(32)
        headers = {"Authorization": "Basic " + base64.b64encode(("%s:guess%d" % (user, i)).encode()).decode()}
        if spread:
            headers["X-Forwarded-For"] = "10.%d.%d.%d" % (i // 65536 % 256, i // 256 % 256, i % 256)
        conn = connect(base)
        go.wait()
        try:
            conn.request("GET", "/system/console/bundles", headers=headers)
            r = conn.getresponse()
            r.read()
            code = r.status
        except Exception as e:  # a refused or reset connection is an answer too
            code = type(e).__name__
        with lock:
            statuses[code] = statuses.get(code, 0) + 1

    busy, heaps, rss = [], [], []
    stop = threading.Event()
    watchers = [threading.Thread(target=probe, args=(base, token, stop, busy)),
                threading.Thread(target=sample_memory, args=(pid, stop, heaps, rss))]
    attackers = [threading.Thread(target=attacker, args=(i,)) for i in range(FLOOD)]
    for a in attackers:
        a.start()
    for w in watchers:
        w.start()
    start = time.monotonic()
    go.wait()
    for a in attackers:
        a.join()
    flood_seconds = time.monotonic() - start
    stop.set()
    for w in watchers:
        w.join()

    print("== %s (flood client at nice %d) ==" % (label, ATTACKER_NICE))
    print("auth/me idle:        " + summary(idle))
    print("auth/me under flood: " + summary(busy))
    print("ratio of medians:    %.2f x" % (statistics.median(busy) / statistics.median(idle)))
    print("flood: %d requests in %.1f s, answers %s" % (FLOOD, flood_seconds, dict(sorted(statuses.items(), key=str))))
    print("heap used: before %.0f MiB, peak during %.0f MiB; RSS before %.0f MiB, peak %.0f MiB" % (
        heap_before, max(heaps), rss_before, max(rss)))


if __name__ == "__main__":
    if sys.argv[1] == "probe":
        probe_main(sys.argv[2], sys.argv[3])
    else:
        main()
