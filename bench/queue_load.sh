#!/usr/bin/env bash
# The PostgreSQL queue's load (docs/scale-out.md): a throwaway cluster, the real schema (migrated by the host), then
#   1. the database side alone, with pgbench: 8 clients claiming and completing jobs with the queue's own statements
#      (claims per second), and 8 clients renewing leases (heartbeats per second the server absorbs);
#   2. end to end: 8 worker processes on tiny jobs (one epoch of 150 spiral points), jobs per second and the
#      transactions and row writes the database saw per minute while they ran.
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
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
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

# 2. End to end: 8 workers, tiny jobs, heartbeats every 5 s (the default), the database's counters before and after.
"${psql[@]}" -d load -c "TRUNCATE epoch_metrics, final_metrics, runs, jobs, experiments CASCADE"
python3 - "$content/tiny.json" "$content/config/appsettings.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[2]))["Experiment"]
e["Data"]["Samples"] = 150; e["Training"]["Epochs"] = 1; e["Charts"] = {"Enabled": False}; e["Callbacks"] = []
json.dump({"Experiment": e}, open(sys.argv[1], "w"))
PY
seeds=$(seq -s, 1 "$njobs")
NEURALNET_ROOT="$content" dotnet "$host_dll" sweep --experiment "$content/tiny.json" --grid "Seed=$seeds" "${queue[@]}" >/dev/null 2>&1
stats() { "${psql[@]}" -d load -c "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = 'load'"; }
before=$(stats); start=$(date +%s.%N)
for w in $(seq 1 $workers); do
  NEURALNET_ROOT="$content" dotnet "$host_dll" train --mode worker --Host:WorkerId=w$w --Host:PollSeconds=1 "${queue[@]}" >"$work/w$w.log" 2>&1 &
done
while [ "$("${psql[@]}" -d load -c "SELECT count(*) FROM jobs WHERE status = 'completed'")" -lt "$njobs" ]; do sleep 0.5; done
end=$(date +%s.%N); after=$(stats)
sleep 10   # idle workers: polls and heartbeats only
idle=$(stats)
for p in $(jobs -p); do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
python3 - "$before" "$after" "$idle" "$start" "$end" "$njobs" "$workers" <<'PY'
import sys
b, a, i = (list(map(int, s.split("|"))) for s in sys.argv[1:4])
start, end, jobs, workers = float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
t = end - start
print(f"\n== end to end: {workers} workers, {jobs} tiny jobs (includes the workers' start-up)")
print(f"wall {t:.1f} s, {jobs / t:.2f} jobs/s; {(a[0]-b[0]) / t * 60:.0f} transactions/min, {(a[1]-b[1]) / t * 60:.0f} rows written/min while working")
print(f"idle ({workers} workers polling every 1 s): {(i[0]-a[0]) / 10 * 60:.0f} transactions/min, {(i[1]-a[1]) / 10 * 60:.0f} rows written/min")
PY
