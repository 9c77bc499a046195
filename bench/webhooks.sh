#!/usr/bin/env bash
# Webhook deliveries/s to a local receiver, end to end (REST change → audit record → sealed event → dispatch →
# signed POST), with many subscriptions (parallel) and with one (strictly ordered, one at a time).
# Usage: bench/webhooks.sh [events] [subscriptions] [workers] [-v]   (build first; uses ports 18182/18102;
#        -v: only the backlog runs, with the timings of the first deliveries)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
export PERGOLA_ADMIN_PASSWORD="bench-admin-password-1"
workers=${3:-8}
# the receiver is on loopback: allow it, and deliver with the given parallelism
start_distribution_cfg() {
    printf 'allowed.hosts = 127.0.0.1\nworkers = %s\npoll.interval.ms = 500\n' "$workers" > "$home/etc/dev.pergola.webhooks.cfg"
}
start_distribution 18182 18102
start_distribution_cfg
sleep 3 # Karaf applies etc/*.cfg changes at run time (@Modified)
python3 bench/webhooks_bench.py http://127.0.0.1:18182 "$PERGOLA_ADMIN_PASSWORD" "${1:-100}" "${2:-20}" ${4:-}
