#!/usr/bin/env bash
# Cold boot and restart of the assembled distribution: bin/start → first 200 from /api/health.
# Usage: bench/boot.sh [runs]   (build first: ./pergola test, or mvn install -DskipTests)
# Prints one line per run and a summary; uses ports 18181/18101 so it does not disturb ./pergola run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
dist="karaf-distribution/target/pergola-distribution-${version}.tar.gz"
[ -f "$dist" ] || { echo "no $dist: build first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
await_health() {
    local t0=$1
    for _ in $(seq 1 600); do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18181/api/health)" = 200 ]; then
            echo "$(now) - $t0" | bc; return 0
        fi
        sleep 0.1
    done
    echo "timeout"; return 1
}

cold=(); warm=()
for i in $(seq 1 "$runs"); do
    home="$work/run$i"; mkdir -p "$home"
    tar xzf "$dist" -C "$home" --strip-components=1
    sed -i 's/^org.osgi.service.http.port = 8181/org.osgi.service.http.port = 18181/' "$home/etc/org.ops4j.pax.web.cfg"
    sed -i 's/^sshPort = 8101/sshPort = 18101/' "$home/etc/org.apache.karaf.shell.cfg"
    t0=$(now); "$home/bin/start" >/dev/null 2>&1
    c=$(await_health "$t0")
    bundles=$(ls "$home/data/cache" | grep -c '^bundle' || true)
    pid=$(cat "$home/karaf.pid" 2>/dev/null || pgrep -f "karaf.home=$home" | head -n 1)
    rss=$(ps -o rss= -p "$pid" | awk '{printf "%d", $1/1024}')
    "$home/bin/stop" >/dev/null 2>&1; while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    t0=$(now); "$home/bin/start" >/dev/null 2>&1
    w=$(await_health "$t0")
    pid=$(cat "$home/karaf.pid" 2>/dev/null || pgrep -f "karaf.home=$home" | head -n 1)
    "$home/bin/stop" >/dev/null 2>&1; while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    printf 'run %d: cold boot %.1f s, restart %.1f s, %s bundles, RSS %s MB after boot\n' "$i" "$c" "$w" "$bundles" "$rss"
    cold+=("$c"); warm+=("$w")
done
printf '%s\n' "${cold[@]}" | sort -n | awk '{a[NR]=$1} END {printf "cold boot (bin/start -> /api/health 200): min %.1f s, median %.1f s, max %.1f s over %d runs\n", a[1], a[int((NR+1)/2)], a[NR], NR}'
printf '%s\n' "${warm[@]}" | sort -n | awk '{a[NR]=$1} END {printf "restart: min %.1f s, median %.1f s, max %.1f s\n", a[1], a[int((NR+1)/2)], a[NR]}'
