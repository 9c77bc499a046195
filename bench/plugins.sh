#!/usr/bin/env bash
# Plugin lifecycle figures: enable -> first 200 (p50/p95 over 50 cycles), install+enable, update, and
# Metaspace / live classes after GC across 100 update cycles (v1 <-> v2).
# Usage: bench/plugins.sh [update-cycles]   (build first: ./pergola test or mvn install; uses port 18281)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
export PERGOLA_ADMIN_PASSWORD="bench-admin-password-1"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
v1="sample-plugins/hello/target/pergola-sample-hello-${version}.jar"
v2="itests/fixtures/hello-v2/target/pergola-fixture-hello-v2-${version}.jar"
for f in "$v1" "$v2"; do [ -f "$f" ] || { echo "no $f: build first" >&2; exit 1; }; done
start_distribution 18281 18201
pid=$(pgrep -f "karaf.base=$home" | head -n 1)
python3 bench/plugins_bench.py http://127.0.0.1:18281 "$PERGOLA_ADMIN_PASSWORD" "$v1" "$v2" "$pid" "${1:-100}"
