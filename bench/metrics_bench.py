#!/usr/bin/env python3
"""Per-route metrics cost and scrape time, against a running Pergola.

Usage: bench/metrics.sh (unpacks and starts a fresh distribution, runs this, stops it), or
       python3 bench/metrics_bench.py BASE_URL ADMIN_PASSWORD METRICS_CFG [seconds] [threads]
METRICS_CFG is the node's etc/dev.pergola.metrics.cfg: the benchmark rewrites http.enabled in it (Config Admin
picks the change up within a couple of seconds). For the scrape it generates, compiles (javac) and installs a plugin
with 200 GET routes, calls each, and every GET route of the OpenAPI document. Prints figures; asserts nothing.
"""
import glob
import http.client
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
import zipfile

ROUTES = 200
COMPONENT = """<?xml version="1.0" encoding="UTF-8"?>
<scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="bench.routes.Routes" immediate="true">
  <implementation class="bench.routes.Routes"/>
  <service><provide interface="bench.routes.Routes"/></service>
  <property name="osgi.jaxrs.resource" type="Boolean" value="true"/>
  <property name="osgi.jaxrs.application.select" value="(osgi.jaxrs.name=pergola)"/>
</scr:component>
"""


def routes_plugin():
    """A plugin jar whose one resource has ROUTES GET methods, each its own route template."""
    repo = os.environ.get("MAVEN_REPO", os.path.expanduser("~/.m2/repository"))
    jars = [glob.glob(os.path.join(repo, "javax/ws/rs/javax.ws.rs-api/2.1*/javax.ws.rs-api-*.jar"))[0],
            glob.glob(os.path.join(repo, "javax/annotation/javax.annotation-api/1.3*/javax.annotation-api-*.jar"))[0]]
    work = tempfile.mkdtemp()
    methods = "".join('    @GET @PermitAll @Path("r%03d/{id}") public String r%03d(@PathParam("id") String id) '
                      '{ return "{}"; }\n' % (i, i) for i in range(ROUTES))
    os.makedirs(os.path.join(work, "src/bench/routes"))
    with open(os.path.join(work, "src/bench/routes/Routes.java"), "w") as f:
        f.write("package bench.routes;\nimport javax.annotation.security.PermitAll;\nimport javax.ws.rs.*;\n"
                '@Path("bench-routes")\npublic class Routes {\n' + methods + "}\n")
    subprocess.run(["javac", "--release", "17", "-cp", os.pathsep.join(jars), "-d", os.path.join(work, "classes"),
                    os.path.join(work, "src/bench/routes/Routes.java")], check=True)
    manifest = ("Manifest-Version: 1.0\r\nBundle-ManifestVersion: 2\r\nBundle-SymbolicName: bench.routes\r\n"
                "Bundle-Version: 1.0.0\r\nBundle-Name: Bench routes\r\nPergola-Plugin: bench-routes\r\n"
                "Import-Package: javax.ws.rs,javax.annotation.security\r\n"
                "Service-Component: OSGI-INF/bench.routes.Routes.xml\r\n\r\n")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("META-INF/MANIFEST.MF", manifest)
        z.writestr("OSGI-INF/bench.routes.Routes.xml", COMPONENT)
        z.write(os.path.join(work, "classes/bench/routes/Routes.class"), "bench/routes/Routes.class")
    return out.getvalue()


def connect(base):
    u = urllib.parse.urlparse(base)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=30)


def get(conn, path, headers=None):
    conn.request("GET", path, headers=headers or {})
    r = conn.getresponse()
    return r.status, r.read()


def login(base, password):
    conn = connect(base)
    conn.request("POST", "/api/v1/auth/login", json.dumps({"username": "admin", "password": password}),
                 {"Content-Type": "application/json"})
    r = conn.getresponse()
    data = r.read()
    if r.status != 200:
        raise SystemExit("login failed: %d %s" % (r.status, data[:200]))
    return json.loads(data)["data"]["access_token"]


def throughput(base, path, headers, seconds, threads):
    count = [0] * threads
    stop = time.monotonic() + seconds

    def worker(i):
        conn = connect(base)
        while time.monotonic() < stop:
            status, _ = get(conn, path, headers)
            if status != 200:
                raise SystemExit("GET %s: %d" % (path, status))
            count[i] += 1

    ts = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return sum(count) / seconds


def set_http_enabled(cfg, enabled):
    with open(cfg) as f:
        text = f.read()
    text = re.sub(r"(?m)^http\.enabled\s*=.*$", "http.enabled = %s" % ("true" if enabled else "false"), text)
    with open(cfg, "w") as f:
        f.write(text)
    time.sleep(4)  # fileinstall polls every second; DS then calls @Modified


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))]


def main():
    base, password, cfg = sys.argv[1], sys.argv[2], sys.argv[3]
    seconds = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    threads = int(sys.argv[5]) if len(sys.argv) > 5 else 4
    auth = {"Authorization": "Bearer " + login(base, password)}
    path = "/api/v1/auth/me"
    throughput(base, path, auth, 3, threads)  # warm-up
    on, off = [], []
    for enabled in (True, False, True, False):
        set_http_enabled(cfg, enabled)
        rate = throughput(base, path, auth, seconds, threads)
        (on if enabled else off).append(rate)
        print("GET %s, metrics %s: %.0f req/s" % (path, "on " if enabled else "off", rate), flush=True)
    set_http_enabled(cfg, True)
    print("throughput ratio on/off: %.3f (mean of %d runs each, %d threads, %d s)"
          % ((sum(on) / len(on)) / (sum(off) / len(off)), len(on), threads, seconds))

    conn = connect(base)
    conn.request("POST", "/api/v1/plugins?enable=true", routes_plugin(),
                 dict(auth, **{"Content-Type": "application/java-archive"}))
    r = conn.getresponse()
    installed = r.read()
    if r.status != 201:
        raise SystemExit("installing the routes plugin failed: %d %s" % (r.status, installed[:300]))
    deadline = time.monotonic() + 30
    while get(conn, "/api/bench-routes/r000/x", auth)[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    for i in range(ROUTES):
        status, _ = get(conn, "/api/bench-routes/r%03d/x" % i, auth)
        if status != 200:
            raise SystemExit("route %d: %d" % (i, status))
    status, spec = get(conn, "/api/openapi.json", auth)
    paths = [p for p, ops in json.loads(spec)["paths"].items() if "get" in ops]
    for p in paths:
        concrete = re.sub(r"\{[^}]+\}", lambda m: str(uuid.uuid4()), p)
        full = concrete if concrete.startswith("/api") else "/api" + concrete
        if full.endswith("/stream") or "/download" in full or "/export" in full:
            continue  # streams and downloads: long answers, nothing more to learn about route series
        get(conn, full, {})
        get(conn, full, auth)
    status, text = get(conn, "/metrics", auth)
    body = text.decode()
    routes = set(re.findall(r'pergola_request_duration_seconds_count\{endpoint="([^"]+)"', body))
    series = len([l for l in body.splitlines() if l and not l.startswith("#")])
    times = []
    for _ in range(50):
        t = time.perf_counter()
        status, text = get(conn, "/metrics", auth)
        times.append((time.perf_counter() - t) * 1000)
        if status != 200:
            raise SystemExit("/metrics: %d" % status)
    print("scrape with %d routes (%d samples, %d KiB): p50 %.1f ms, p95 %.1f ms, max %.1f ms"
          % (len(routes), series, len(text) // 1024, percentile(times, 50), percentile(times, 95), max(times)))


if __name__ == "__main__":
    main()
