#!/usr/bin/env python3
"""Plugin lifecycle timings and class-loader leak check against a running Pergola.

Usage: bench/plugins.sh (unpacks and starts a fresh distribution, runs this, stops it), or
       python3 bench/plugins_bench.py BASE_URL ADMIN_PASSWORD HELLO_V1_JAR HELLO_V2_JAR KARAF_PID [update-cycles]
Prints figures; asserts nothing.
"""
import http.client
import json
import subprocess
import sys
import time
import urllib.parse


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))]


class Api:
    def __init__(self, base, password):
        u = urllib.parse.urlparse(base)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
        status, body = self.call("POST", "/api/v1/auth/login", json.dumps({"username": "admin", "password": password}),
                                 "application/json", auth=False)
        if status != 200:
            raise SystemExit("login failed: %d %s" % (status, body[:200]))
        self.token = json.loads(body)["data"]["access_token"]

    def call(self, method, path, body=None, content_type=None, auth=True):
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if auth:
            headers["Authorization"] = "Bearer " + self.token
        self.conn.request(method, path, body, headers)
        r = self.conn.getresponse()
        return r.status, r.read()

    def until(self, path, status, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.call("GET", path)[0] == status:
                return
            time.sleep(0.005)
        raise SystemExit("%s never answered %d" % (path, status))


def jvm(pid):
    """Metaspace used (KiB) and live classes, after two full GCs."""
    for _ in range(2):
        subprocess.run(["jcmd", pid, "GC.run"], check=True, capture_output=True)
    gc = subprocess.run(["jstat", "-gc", pid], check=True, capture_output=True, text=True).stdout.split("\n")
    mu = float(dict(zip(gc[0].split(), gc[1].split()))["MU"])
    cl = subprocess.run(["jstat", "-class", pid], check=True, capture_output=True, text=True).stdout.split("\n")
    c = cl[1].split()
    return mu, int(c[0]) - int(c[2])


def main():
    base, password, v1_path, v2_path, pid = sys.argv[1:6]
    cycles = int(sys.argv[6]) if len(sys.argv) > 6 else 100
    v1 = open(v1_path, "rb").read()
    v2 = open(v2_path, "rb").read()
    api = Api(base, password)
    jar = "application/java-archive"

    t = time.monotonic()
    status, body = api.call("POST", "/api/v1/plugins?enable=true", v1, jar)
    if status != 201:
        raise SystemExit("install failed: %d %s" % (status, body[:300]))
    api.until("/api/v1/hello", 200)
    print("install+enable -> first 200: %.0f ms" % ((time.monotonic() - t) * 1000))

    enable = []
    for _ in range(50):
        api.call("POST", "/api/v1/plugins/hello/disable")
        api.until("/api/v1/hello", 404)
        t = time.monotonic()
        status, body = api.call("POST", "/api/v1/plugins/hello/enable")
        if status != 200:
            raise SystemExit("enable failed: %d %s" % (status, body[:300]))
        api.until("/api/v1/hello", 200)
        enable.append((time.monotonic() - t) * 1000)
    print("enable -> first 200 over %d cycles: p50 %.0f ms, p95 %.0f ms, max %.0f ms"
          % (len(enable), percentile(enable, 50), percentile(enable, 95), max(enable)))

    updates = []
    baseline = None
    for i in range(cycles):
        for content, version, force in ((v2, "2.0.0", ""), (v1, "1.0.0", "?force=true")):
            t = time.monotonic()
            status, body = api.call("POST", "/api/v1/plugins/hello/update" + force, content, jar)
            if status != 200:
                raise SystemExit("update to %s failed: %d %s" % (version, status, body[:300]))
            while version.encode() not in api.call("GET", "/api/v1/hello")[1]:
                time.sleep(0.005)
            updates.append((time.monotonic() - t) * 1000)
        if i == 0:
            baseline = jvm(pid)
            print("after cycle 1: metaspace %.0f KiB, live classes %d" % baseline)
    final = jvm(pid)
    print("update -> new version answering over %d updates: p50 %.0f ms, p95 %.0f ms"
          % (len(updates), percentile(updates, 50), percentile(updates, 95)))
    print("after cycle %d: metaspace %.0f KiB (%+.1f%%), live classes %d (%+.1f%%)"
          % (cycles, final[0], (final[0] / baseline[0] - 1) * 100, final[1], (final[1] / baseline[1] - 1) * 100))


if __name__ == "__main__":
    main()
