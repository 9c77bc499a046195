#!/usr/bin/env bash
# Plugin lifecycle figures: enable -> first 200 (p50/p95 over 50 cycles), install+enable, update, and
# Metaspace / live classes after GC across 100 update cycles (v1 <-> v2).
# Usage: bench/plugins.sh [update-cycles]   (build first: ./pergola test or mvn install; uses port 18281)
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
dist="karaf-distribution/target/pergola-distribution-${version}.tar.gz"
v1="sample-plugins/hello/target/pergola-sample-hello-${version}.jar"
v2="itests/fixtures/hello-v2/target/pergola-fixture-hello-v2-${version}.jar"
for f in "$dist" "$v1" "$v2"; do [ -f "$f" ] || { echo "no $f: build first" >&2; exit 1; }; done
home=$(mktemp -d)
trap '"$home/bin/stop" >/dev/null 2>&1 || true; sleep 3; rm -rf "$home"' EXIT
tar xzf "$dist" -C "$home" --strip-components=1
sed -i 's/^org.osgi.service.http.port = 8181/org.osgi.service.http.port = 18281/' "$home/etc/org.ops4j.pax.web.cfg"
sed -i 's/^sshPort = 8101/sshPort = 18201/' "$home/etc/org.apache.karaf.shell.cfg"
printf 'anonymous.per.minute = 100000000\nauthenticated.per.minute = 100000000\nadmin.per.minute = 100000000\n' \
    > "$home/etc/dev.pergola.ratelimit.cfg"
export PERGOLA_ADMIN_PASSWORD="bench-admin-password-1"
"$home/bin/start"
for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18281/api/health)" = 200 ] && break
    sleep 0.2
done
pid=$(pgrep -f "karaf.base=$home" | head -n 1)
python3 bench/plugins_bench.py http://127.0.0.1:18281 "$PERGOLA_ADMIN_PASSWORD" "$v1" "$v2" "$pid" "${1:-100}"
