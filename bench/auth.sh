#!/usr/bin/env bash
# Login p95 and logins/s at the chosen hash cost, and authenticated vs public GET throughput.
# Usage: bench/auth.sh [seconds]   (build first; uses port 18181)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
export PERGOLA_ADMIN_PASSWORD="bench-admin-password-1"
start_distribution 18181 18101
python3 bench/auth_bench.py http://127.0.0.1:18181 "$PERGOLA_ADMIN_PASSWORD" "${1:-10}"
