#!/usr/bin/env bash
# Backup and restore MB/s of Pergola beside pg_dump/pg_restore, on the same PostgreSQL data in the same run, with the
# peak heap of the Pergola JVM during each. Generates the data first (default ≥ 500 MB in one table of the platform
# schema, rows ~ 380 bytes on disk: text, numeric, timestamptz, boolean, bytea).
# Usage: bench/backup.sh [target-MB]     (build first; uses ports 18183/18103 and a throw-away PostgreSQL on 15433)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
target_mb=${1:-500}
pgbin=${PERGOLA_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)}
pgport=15433
pgdata=$(mktemp -d)
as_pg=() # PostgreSQL refuses to run as root: then the server runs as the postgres account
if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); chown postgres "$pgdata"; fi
export PGHOST=127.0.0.1 PGPORT=$pgport PGUSER=bench PGPASSWORD=bench
cleanup_pg() { "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdata/db" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pgdata"; }
echo bench > "$pgdata/pw"
[ ${#as_pg[@]} -gt 0 ] && chown postgres "$pgdata/pw"
"${as_pg[@]}" "$pgbin/initdb" -D "$pgdata/db" -U bench --pwfile="$pgdata/pw" -A md5 >/dev/null
trap cleanup_pg EXIT
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdata/db" -o "-p $pgport -k $pgdata -c listen_addresses=127.0.0.1 -c fsync=off" -l "$pgdata/log" -w start >/dev/null
createdb pergola
export PERGOLA_DB_TYPE=postgresql PERGOLA_DB_URL="jdbc:postgresql://127.0.0.1:$pgport/pergola" \
       PERGOLA_DB_USER=bench PERGOLA_DB_PASSWORD=bench PERGOLA_ADMIN_PASSWORD="bench-admin-password-1"
export EXTRA_JAVA_OPTS="${EXTRA_JAVA_OPTS:-} -Xmx1g"
start_distribution 18183 18103
trap 'stop_distribution; cleanup_pg; rm -rf "${gc_dir:-/nonexistent}"' EXIT
base=http://127.0.0.1:18183
pid=$(pgrep -f "karaf.base=$home" | head -n 1)

rows=$(( target_mb * 1024 * 1024 / 380 )) # ~380 bytes a row on disk, indexes included
echo "generating $rows rows (~${target_mb} MB) ..."
psql -q -d pergola -c "CREATE TABLE bench_rows (id bigint PRIMARY KEY, title varchar(200) NOT NULL, body text,
  amount numeric(14,2), at timestamptz, flag boolean, blob bytea)"
psql -q -d pergola -c "INSERT INTO bench_rows SELECT i, 'row ' || i, repeat(md5(i::text), 8), (i % 100000) / 100.0,
  now() - (i || ' seconds')::interval, i % 2 = 0, decode(md5((i * 7)::text), 'hex')
  FROM generate_series(1, $rows) i"
psql -q -d pergola -c "VACUUM ANALYZE"
db_bytes=$(psql -At -d pergola -c "SELECT pg_database_size('pergola')")
db_mb=$(( db_bytes / 1024 / 1024 ))
echo "database: ${db_mb} MB"

token=$(curl -s "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PERGOLA_ADMIN_PASSWORD\"}" | python3 -c 'import sys,json;print(json.load(sys.stdin)["data"]["access_token"])')
auth="Authorization: Bearer $token"

# peak heap used while a command runs: the JVM's GC log, switched to a fresh file for each operation (a sampler
# spawning jcmd every few hundred ms would steal a core on a small machine), the largest "before" of its
# collections, and the heap in use at the end
gc_dir=$(mktemp -d)
timed() { # command... → sets $secs and $heap_mb
    local log="$gc_dir/op$RANDOM.log" t0 t1
    jcmd "$pid" VM.log output="file=$log" what=gc >/dev/null 2>&1 || true
    t0=$(date +%s.%N)
    "$@" >/dev/null
    t1=$(date +%s.%N)
    secs=$(echo "$t1 - $t0" | bc -l)
    local end
    end=$(jcmd "$pid" GC.heap_info 2>/dev/null | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -n 1)
    heap_mb=$( { sed -n 's/.* \([0-9]*\)M->[0-9]*M([0-9]*M).*/\1/p' "$log" 2>/dev/null; echo $(( ${end:-0} / 1024 )); } \
        | sort -n | tail -n 1)
}
create_backup() {
    local name status
    name=$(curl -s -H "$auth" -H 'Content-Type: application/json' -d "$1" "$base/api/v1/backups" \
      | python3 -c 'import sys,json;print(json.load(sys.stdin)["data"]["filename"])')
    while :; do
        status=$(curl -s -H "$auth" "$base/api/v1/backups/$name" | python3 -c 'import sys,json;print(json.load(sys.stdin)["data"]["status"])')
        [ "$status" = ready ] && break
        [ "$status" = failed ] && { echo "backup failed" >&2; exit 1; }
        sleep 0.2
    done
    echo "$name" > "$home/last-backup"
}
restore_backup() {
    curl -s -f -m 3600 -H "$auth" -H 'Content-Type: application/json' -d '{}' "$base/api/v1/backups/$1/restore" >/dev/null
}
mbps() { echo "scale=1; $db_mb / $1" | bc -l; }

timed create_backup '{"include_uploads":false,"compression":false}'
plain=$(cat "$home/last-backup"); plain_s=$secs; plain_heap=$heap_mb
timed create_backup '{"include_uploads":false,"compression":true}'
zipped=$(cat "$home/last-backup"); zipped_s=$secs; zipped_heap=$heap_mb
plain_size=$(( $(stat -c %s "$home/data/backups/$plain") / 1024 / 1024 ))
zipped_size=$(( $(stat -c %s "$home/data/backups/$zipped") / 1024 / 1024 ))
timed restore_backup "$plain"
restore_s=$secs; restore_heap=$heap_mb
count=$(psql -At -d pergola -c "SELECT COUNT(*) FROM bench_rows")
[ "$count" = "$rows" ] || { echo "restored $count rows, expected $rows" >&2; exit 1; }
load_ms=$(grep -o 'Restore: rows loaded in [0-9]* ms' "$home/data/log/karaf.log" | tail -n 1 | grep -o '[0-9]* ms' | grep -o '[0-9]*' || echo 0)

dump=$(mktemp -d)
timed pg_dump -d pergola -Fc -Z0 -f "$dump/plain.dump"; pgd_plain_s=$secs
timed pg_dump -d pergola -Fc -f "$dump/zipped.dump"; pgd_zip_s=$secs
createdb restored
timed pg_restore -d restored "$dump/plain.dump"; pgr_s=$secs
rm -rf "$dump"

printf '\n%-46s %8s %8s %10s %9s\n' "operation (database ${db_mb} MB, $rows rows)" "seconds" "MB/s" "file MB" "heap MB"
printf '%-46s %8.1f %8s %10s %9s\n' "Pergola backup, stored (no compression)" "$plain_s" "$(mbps "$plain_s")" "$plain_size" "$plain_heap"
printf '%-46s %8.1f %8s %10s %9s\n' "Pergola backup, compressed" "$zipped_s" "$(mbps "$zipped_s")" "$zipped_size" "$zipped_heap"
printf '%-46s %8.1f %8s %10s %9s\n' "pg_dump -Fc -Z0" "$pgd_plain_s" "$(mbps "$pgd_plain_s")" "" ""
printf '%-46s %8.1f %8s %10s %9s\n' "pg_dump -Fc (compressed)" "$pgd_zip_s" "$(mbps "$pgd_zip_s")" "" ""
printf '%-46s %8.1f %8s %10s %9s\n' "Pergola restore (verify+safety backup+load)" "$restore_s" "$(mbps "$restore_s")" "" "$restore_heap"
[ "$load_ms" != 0 ] && printf '%-46s %8.1f %8s\n' "  of which: drop, schema, load, sequences" "$(echo "$load_ms / 1000" | bc -l)" "$(mbps "$(echo "$load_ms / 1000" | bc -l)")"
printf '%-46s %8.1f %8s\n' "pg_restore (from -Fc -Z0)" "$pgr_s" "$(mbps "$pgr_s")"
