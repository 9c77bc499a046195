#!/usr/bin/env bash
# Login p95 and logins/s at the chosen hash cost, and authenticated vs public GET throughput.
# Usage: bench/auth.sh [seconds]   (build first; uses port 18181)
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
dist="karaf-distribution/target/pergola-distribution-${version}.tar.gz"
[ -f "$dist" ] || { echo "no $dist: build first" >&2; exit 1; }
home=$(mktemp -d)
trap '"$home/bin/stop" >/dev/null 2>&1 || true; sleep 3; rm -rf "$home"' EXIT
tar xzf "$dist" -C "$home" --strip-components=1
sed -i 's/^org.osgi.service.http.port = 8181/org.osgi.service.http.port = 18181/' "$home/etc/org.ops4j.pax.web.cfg"
sed -i 's/^sshPort = 8101/sshPort = 18101/' "$home/etc/org.apache.karaf.shell.cfg"
# measure the platform, not the rate limiter
printf 'anonymous.per.minute = 100000000\nauthenticated.per.minute = 100000000\nadmin.per.minute = 100000000\n' \
    > "$home/etc/dev.pergola.ratelimit.cfg"
export PERGOLA_ADMIN_PASSWORD="bench-admin-password-1"
"$home/bin/start"
for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18181/api/health)" = 200 ] && break
    sleep 0.2
done
python3 bench/auth_bench.py http://127.0.0.1:18181 "$PERGOLA_ADMIN_PASSWORD" "${1:-10}"
