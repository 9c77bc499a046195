#!/usr/bin/env bash
# The audit trail's cost: audited write throughput as a ratio of the same write without audit, audit records/s,
# the sealer's rate, and verify time for a chain of 1M records — on an H2 file database and on a local PostgreSQL
# server (started by the benchmark, as the tests do; fsync off, so disk speed is left out of both runs).
#
#   bench/audit.sh                      # h2 and postgresql, 4 threads, 10 s runs, 1M records verified
#   THREADS=8 SECONDS_PER_RUN=20 VERIFY=200000 DBS=h2 bench/audit.sh
#
# It runs dev.pergola.audit.internal.AuditBenchmark from the audit module's test classes (built here first).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=${MAVEN_REPO:-$HOME/.m2/repository}
# MVN lets a shared machine serialise builds, e.g. MVN="flock /tmp/pergola-mvn.lock mvn"
read -r -a MVN <<< "${MVN:-mvn}"
MVN+=(-o -B -q -Dmaven.repo.local="$REPO")
"${MVN[@]}" test-compile -pl bundles/audit
"${MVN[@]}" dependency:build-classpath -pl bundles/audit -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
CP="bundles/audit/target/test-classes:bundles/audit/target/classes:$(cat bundles/audit/target/bench.cp)"
exec java -Xmx1g -cp "$CP" \
  -Dbench.db="${DBS:-h2,postgresql}" -Dbench.threads="${THREADS:-4}" -Dbench.seconds="${SECONDS_PER_RUN:-10}" \
  -Dbench.verify="${VERIFY:-1000000}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  dev.pergola.audit.internal.AuditBenchmark
