#!/usr/bin/env bash
# The PostgreSQL queue's load (docs/scale-out.md): a throwaway cluster, the real schema (migrated by the host), then
#   1. the database side alone, with pgbench: 8 clients claiming and completing jobs with the queue's own statements
#      (claims per second), and 8 clients renewing leases (heartbeats per second the server absorbs);
#   2. end to end: 8 worker processes on tiny jobs (one epoch of 150 spiral points), jobs per second and the
#      statement of the queue per minute (pg_stat_statements), while they work and while they idle.
#   bench/queue_load.sh [seconds per pgbench run=10] [end-to-end jobs=40]
# Needs Debian's postgresql (server binaries, pgbench) and the built host (dotnet build src/Host).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"; njobs="${2:-40}"; workers=8
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries missing: apt-get install -y postgresql" >&2; exit 2; }
host_dll="$root/src/Host/bin/Release/net10.0/NeuralNet.Host.dll"
[ -f "$host_dll" ] || host_dll="$root/src/Host/bin/Debug/net10.0/NeuralNet.Host.dll"
[ -f "$host_dll" ] || { echo "Build the host first: dotnet build -c Release src/Host" >&2; exit 2; }

work="$(mktemp -d /tmp/neuralnet-queue-load.XXXXXX)"; chmod 755 "$work"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() {
  for p in $(jobs -p); do kill "$p" 2>/dev/null || true; done
  as_pg "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
as_pg "$bin/initdb" -D "$work/data" -A trust -U nn --no-sync >/dev/null
as_pg "$bin/pg_ctl" -D "$work/data" -w -l "$work/server.log" \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_preload_libraries=pg_stat_statements" start >/dev/null
psql=(psql -h 127.0.0.1 -p "$port" -U nn -X -q -t -A)
"${psql[@]}" -d postgres -c "CREATE DATABASE load"
conn="Host=127.0.0.1;Port=$port;Database=load;Username=nn"
content="$work/content"; mkdir -p "$content/config"; cp "$root/config/appsettings.json" "$content/config/"
queue=(--Queue:Type=postgres "--Queue:ConnectionString=$conn" --Queue:ArtifactsDirectory=shared)
NEURALNET_ROOT="$content" dotnet "$host_dll" runs list "${queue[@]}" >/dev/null 2>&1   # migrates the schema

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $("$bin/postgres" --version)"

# 1a. Claims: the claim statement of PostgresExperimentQueue.TryClaim, then the completion, per transaction.
"${psql[@]}" -d load <<'SQL'
INSERT INTO experiments (name) VALUES ('bench');
INSERT INTO jobs (name, experiment, run_id, content) SELECT 'job' || i, 'bench', 'run' || i, '\x7b7d' FROM generate_series(1, 400000) i;
INSERT INTO runs (run_id, experiment, config, status) SELECT 'run' || i, 'bench', '{}', 'queued' FROM generate_series(1, 400000) i;
VACUUM ANALYZE;
SQL
cat > "$work/claim.sql" <<'SQL'
WITH next AS (SELECT id FROM jobs WHERE status = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
UPDATE jobs j SET status = 'running', worker = 'bench', claim = gen_random_uuid(), attempts = j.attempts + 1,
    lease_until = now() + interval '60 seconds', started_at = coalesce(j.started_at, now())
FROM next WHERE j.id = next.id RETURNING j.id AS job \gset
UPDATE jobs SET status = 'completed', finished_at = now(), lease_until = NULL WHERE id = :job;
SQL
echo
echo "== claim + complete, $workers clients, ${seconds} s (pgbench)"
pgbench -h 127.0.0.1 -p "$port" -U nn -n -c "$workers" -j 2 -T "$seconds" -f "$work/claim.sql" load 2>/dev/null | grep -E "^(tps|latency average|number of transactions actually)"

# 1b. Heartbeats: each client holds one running claim and renews it, as PostgresExperimentQueue.Heartbeat does.
"${psql[@]}" -d load -c "UPDATE jobs SET status = 'running', claim = ('00000000-0000-0000-0000-' || lpad(to_hex(s.n), 12, '0'))::uuid, lease_until = now() + interval '60 seconds' FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1000) s WHERE jobs.id = s.id"
cat > "$work/heartbeat.sql" <<'SQL'
\set n random(1, 1000)
UPDATE jobs SET lease_until = now() + interval '60 seconds'
WHERE claim = ANY(ARRAY[('00000000-0000-0000-0000-' || lpad(to_hex(:n), 12, '0'))::uuid]) AND status = 'running';
SQL
echo
echo "== heartbeat (lease renewal), $workers clients, ${seconds} s (pgbench)"
pgbench -h 127.0.0.1 -p "$port" -U nn -n -c "$workers" -j 2 -T "$seconds" -f "$work/heartbeat.sql" load 2>/dev/null | grep -E "^(tps|latency average)"

# 2. End to end, in a database of its own: 8 workers on tiny jobs, heartbeats every second (5 s by default, so the
#    heartbeat rate scales down by 5), each statement of the queue counted by pg_stat_statements.
"${psql[@]}" -d postgres -c "CREATE DATABASE e2e"
queue=(--Queue:Type=postgres "--Queue:ConnectionString=Host=127.0.0.1;Port=$port;Database=e2e;Username=nn" --Queue:ArtifactsDirectory=shared)
python3 - "$content/tiny.json" "$content/config/appsettings.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[2]))["Experiment"]
e["Data"]["Samples"] = 150; e["Training"]["Epochs"] = 1; e["Charts"] = {"Enabled": False}; e["Callbacks"] = []
json.dump({"Experiment": e}, open(sys.argv[1], "w"))
PY
NEURALNET_ROOT="$content" dotnet "$host_dll" sweep --experiment "$content/tiny.json" --grid "Seed=$(seq -s, 1 "$njobs")" "${queue[@]}" >/dev/null 2>&1
"${psql[@]}" -d e2e -c "CREATE EXTENSION pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null
statements() {  # calls and rows per kind of statement since the last reset, then reset
  "${psql[@]}" -F ' ' -d e2e -c "
    SELECT kind, sum(calls), sum(rows) FROM (SELECT CASE  -- (pg_stat_statements shows constants as \$n: match the rest)
        WHEN query LIKE '%WITH gone%' THEN 'recover' WHEN query LIKE '%FOR UPDATE SKIP LOCKED%' THEN 'claim'
        WHEN query LIKE 'UPDATE jobs SET lease_until%' THEN 'heartbeat' WHEN query LIKE '%RETURNING claim =%' THEN 'complete'
        WHEN query LIKE 'INSERT INTO %_metrics%' THEN 'metrics' ELSE NULL END AS kind, calls, rows
      FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'e2e')) s
    WHERE kind IS NOT NULL GROUP BY kind ORDER BY kind"
  "${psql[@]}" -d e2e -c "SELECT pg_stat_statements_reset()" >/dev/null
}
start=$(date +%s.%N)
for w in $(seq 1 $workers); do
  NEURALNET_ROOT="$content" dotnet "$host_dll" train --mode worker --Host:WorkerId=w$w --Host:PollSeconds=1 --Host:HeartbeatSeconds=1 "${queue[@]}" >"$work/w$w.log" 2>&1 &
done
while [ "$("${psql[@]}" -d e2e -c "SELECT count(*) FROM jobs WHERE status = 'completed'")" -lt "$njobs" ]; do sleep 0.5; done
end=$(date +%s.%N)
working=$(statements)
sleep 10   # idle workers: polls and recovery scans only
idle=$(statements)
for p in $(jobs -p); do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
python3 - "$start" "$end" "$njobs" "$workers" "$working" "$idle" <<'PY'
import sys
start, end, jobs, workers = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
t = end - start
print(f"\n== end to end: {workers} workers, {jobs} tiny jobs, wall {t:.1f} s (with the workers' start-up): {jobs / t:.2f} jobs/s")
for title, text, seconds in (("while working", sys.argv[5], t), ("idle, 10 s", sys.argv[6], 10.0)):
    print(f"{title}: statement  calls/min  rows/min  (per worker: calls/min)")
    for line in text.splitlines():
        kind, calls, rows = line.split()
        print(f"  {kind:<10} {int(calls) / seconds * 60:9.0f} {int(rows) / seconds * 60:9.0f}  ({int(calls) / seconds * 60 / workers:.1f})")
PY
