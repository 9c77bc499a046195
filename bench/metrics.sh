#!/usr/bin/env bash
# The cost of per-route HTTP metrics and of a scrape: authenticated GET throughput with http.enabled on and off
# (alternating runs, ratio printed), then /metrics scrape time once every GET route of the OpenAPI document has been
# called (anonymous and as admin, so each route has several status series).
# Usage: bench/metrics.sh [seconds-per-run] [threads]   (build first: ./pergola test or mvn install; port 18381)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
export PERGOLA_ADMIN_PASSWORD="bench-admin-password-1"
start_distribution 18381 18301
python3 bench/metrics_bench.py http://127.0.0.1:18381 "$PERGOLA_ADMIN_PASSWORD" "$home/etc/dev.pergola.metrics.cfg" \
    "${1:-10}" "${2:-4}"
