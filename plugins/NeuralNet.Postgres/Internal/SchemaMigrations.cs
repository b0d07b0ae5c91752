using NeuralNet.Errors;
using Npgsql;

namespace NeuralNet.Postgres.Internal;

/// <summary>
/// The schema as numbered migrations, applied in order by whoever opens the database first (a worker or a command
/// on start), each in the same transaction as its row in <c>schema_version</c>, under a transaction-scoped advisory
/// lock: idempotent, and safe when many workers start at once. A database whose schema is newer than the newest
/// migration here is refused, naming both versions: older code must not write into tables it does not know.
/// </summary>
internal static class SchemaMigrations
{
    /// <summary>The advisory lock key the migrations hold ("NNMIGRAT" as a 64-bit number).</summary>
    private const long LockKey = 0x4E4E4D4947524154;

    /// <summary>The migrations by version, oldest first. Never edit a released one: add the next.</summary>
    public static readonly IReadOnlyList<(int Version, string Description, string Sql)> All =
    [
        (1, "jobs, experiments, runs, epoch and final metrics", """
            CREATE TABLE experiments (
                name        text PRIMARY KEY,
                created_at  timestamptz NOT NULL DEFAULT now());
            CREATE TABLE jobs (
                id           bigserial PRIMARY KEY,
                name         text NOT NULL,
                experiment   text NOT NULL REFERENCES experiments (name),
                run_id       text NOT NULL UNIQUE,
                content      bytea NOT NULL,
                parameters   json NOT NULL DEFAULT '{}', -- json, not jsonb: keeps the grid's key order
                status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'parked')),
                attempts     integer NOT NULL DEFAULT 0,
                errors       text[] NOT NULL DEFAULT '{}',
                worker       text,
                claim        uuid,
                lease_until  timestamptz,
                submitted_at timestamptz NOT NULL DEFAULT now(),
                started_at   timestamptz,
                finished_at  timestamptz);
            -- The claim scans only ready jobs, the recovery only leases, a heartbeat only its claims.
            CREATE INDEX jobs_ready ON jobs (id) WHERE status = 'queued';
            CREATE INDEX jobs_leases ON jobs (lease_until) WHERE status = 'running';
            CREATE UNIQUE INDEX jobs_claims ON jobs (claim) WHERE claim IS NOT NULL; -- heartbeats find their claims
            CREATE TABLE runs (
                run_id        text PRIMARY KEY REFERENCES jobs (run_id),
                experiment    text NOT NULL REFERENCES experiments (name),
                config        jsonb NOT NULL,
                seed          bigint,
                status        text NOT NULL,
                worker        text,
                started_at    timestamptz,
                finished_at   timestamptz,
                train_seconds double precision,
                artifacts     jsonb NOT NULL DEFAULT '{}');
            CREATE INDEX runs_experiment ON runs (experiment);
            CREATE TABLE epoch_metrics (
                run_id  text NOT NULL REFERENCES runs (run_id),
                epoch   integer NOT NULL,
                name    text NOT NULL,
                value   double precision,
                PRIMARY KEY (run_id, epoch, name));
            CREATE TABLE final_metrics (
                run_id  text NOT NULL REFERENCES runs (run_id),
                name    text NOT NULL,
                value   double precision,
                PRIMARY KEY (run_id, name));
            -- The registry's status, worker and timings follow the job's: one source of truth, kept in step by the database.
            CREATE FUNCTION jobs_to_runs() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE runs SET status = NEW.status, worker = NEW.worker, started_at = NEW.started_at, finished_at = NEW.finished_at
                WHERE run_id = NEW.run_id;
                RETURN NULL;
            END $$;
            CREATE TRIGGER jobs_to_runs AFTER UPDATE OF status, worker, started_at, finished_at ON jobs
                FOR EACH ROW EXECUTE FUNCTION jobs_to_runs();
            """),
    ];

    /// <summary>The schema version this code writes.</summary>
    public static int Latest => All[^1].Version;

    /// <summary>Brings the schema to <see cref="Latest"/>; returns the version found before.</summary>
    /// <exception cref="ConfigurationException">The database's schema is newer than <see cref="Latest"/>.</exception>
    public static int Apply(NpgsqlConnection connection, string where)
    {
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        Execute(connection, "SELECT pg_advisory_xact_lock(" + LockKey + ")");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version     integer PRIMARY KEY,
                description text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now())
            """);
        int current;
        using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection))
            current = (int)read.ExecuteScalar()!;
        if (current > Latest)
            throw new ConfigurationException("Queue:ConnectionString",
                $"{where} has schema version {current}, newer than version {Latest}, the newest this NeuralNet knows. Upgrade NeuralNet here (every worker of a queue runs one version); nothing was changed.");
        foreach (var (version, description, sql) in All.Where(m => m.Version > current))
        {
            Execute(connection, sql);
            using var record = new NpgsqlCommand("INSERT INTO schema_version (version, description) VALUES ($1, $2)", connection);
            record.Parameters.Add(new NpgsqlParameter { Value = version });
            record.Parameters.Add(new NpgsqlParameter { Value = description });
            record.ExecuteNonQuery();
        }
        transaction.Commit();
        return current;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
