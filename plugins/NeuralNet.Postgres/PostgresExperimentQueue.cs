using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NeuralNet.Errors;
using NeuralNet.Experiments;
using NeuralNet.Postgres.Internal;
using Npgsql;
using NpgsqlTypes;

namespace NeuralNet.Postgres;

/// <summary>
/// The experiment queue in PostgreSQL's <c>jobs</c> table. A claim takes the oldest queued job with
/// <c>SELECT ... FOR UPDATE SKIP LOCKED</c> (workers never wait on each other's rows) and marks it running with a new
/// claim token and a lease of <c>Host:LeaseSeconds</c>; heartbeats extend the leases of the claims this worker holds.
/// A job whose lease ran out (its worker died or lost the database for longer than the lease) is queued again by
/// whichever worker looks next, keeping its run id, so its next claim resumes the run from its last checkpoint; a job
/// claimed <see cref="QueueSettings.MaxAttempts"/> times without completing is parked with every error it had. Every
/// write checks the claim token, and every step can run twice harmlessly, so a retried statement (the database went
/// away after it committed) neither loses nor duplicates a job.
/// </summary>
public sealed partial class PostgresExperimentQueue : IExperimentQueue
{
    private readonly Database _database;
    private readonly QueueContext _context;
    private readonly ILogger<PostgresExperimentQueue> _logger;
    private readonly Lock _lock = new();
    private readonly HashSet<Guid> _held = [];
    private readonly HashSet<Guid> _lost = [];

    internal PostgresExperimentQueue(Database database, QueueContext context, ILogger<PostgresExperimentQueue> logger)
    {
        _database = database;
        _context = context;
        _logger = logger;
    }

    /// <inheritdoc />
    public void Submit(ExperimentJob job)
    {
        JsonObject config = ParseExperiment(job.Content, job.Name);
        string experiment = config["Experiment"]?["Name"]?.ToString() is { Length: > 0 } name ? name : job.Name;
        long? seed = long.TryParse(config["Experiment"]?["Seed"]?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long s) ? s : null;
        string parameters = JsonSerializer.Serialize(job.Parameters);
        _database.Run("submit " + job.Name, connection =>
        {
            using NpgsqlTransaction transaction = connection.BeginTransaction();
            using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    BatchCommand("INSERT INTO experiments (name) VALUES ($1) ON CONFLICT DO NOTHING", experiment),
                    // Idempotent by run id: a submission retried after its commit was lost is already there.
                    BatchCommand("""
                        INSERT INTO jobs (name, experiment, run_id, content, parameters) VALUES ($1, $2, $3, $4, $5::json)
                        ON CONFLICT (run_id) DO NOTHING
                        """, job.Name, experiment, job.RunId, job.Content, parameters),
                    BatchCommand("""
                        INSERT INTO runs (run_id, experiment, config, seed, status) VALUES ($1, $2, $3::jsonb, $4, 'queued')
                        ON CONFLICT (run_id) DO NOTHING
                        """, job.RunId, experiment, config.ToJsonString(), (object?)seed ?? DBNull.Value),
                },
            };
            batch.ExecuteNonQuery();
            transaction.Commit();
            return 0;
        });
    }

    /// <inheritdoc />
    public ExperimentClaim? TryClaim()
    {
        var claim = Guid.NewGuid();
        // The token is chosen here, so a claim whose commit was lost in a dropped connection is recognised when retried.
        bool retried = false;
        ExperimentClaim? claimed = _database.Run("claim", connection =>
        {
            if (retried && Reclaim(connection, claim) is { } mine) return mine; // the lost commit did claim a job
            retried = true;
            using var command = Command("""
                WITH next AS (
                    SELECT id FROM jobs WHERE status = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
                UPDATE jobs j SET status = 'running', worker = $1, claim = $2, attempts = j.attempts + 1,
                    lease_until = now() + $3, started_at = coalesce(j.started_at, now())
                FROM next WHERE j.id = next.id
                RETURNING j.id, j.name, j.content, j.run_id
                """, _context.Worker, claim, _context.Lease);
            command.Connection = connection;
            using NpgsqlDataReader reader = command.ExecuteReader();
            return reader.Read() ? new ExperimentClaim(reader.GetString(1), Handle(reader.GetInt64(0), claim), reader.GetFieldValue<byte[]>(2), reader.GetString(3)) : null;
        });
        if (claimed is not null) lock (_lock) _held.Add(claim);
        return claimed;
    }

    private static ExperimentClaim? Reclaim(NpgsqlConnection connection, Guid claim)
    {
        using var command = Command("SELECT id, name, content, run_id FROM jobs WHERE claim = $1 AND status = 'running'", claim);
        command.Connection = connection;
        using NpgsqlDataReader reader = command.ExecuteReader();
        return reader.Read() ? new ExperimentClaim(reader.GetString(1), Handle(reader.GetInt64(0), claim), reader.GetFieldValue<byte[]>(2), reader.GetString(3)) : null;
    }

    /// <inheritdoc />
    /// <remarks>One try: the next heartbeat is the retry, and a heartbeat must never hold up the next.</remarks>
    public void Heartbeat()
    {
        Guid[] held;
        lock (_lock) held = [.. _held];
        if (held.Length == 0) return;
        HashSet<Guid> renewed = _database.Once(connection =>
        {
            using var command = Command("UPDATE jobs SET lease_until = now() + $1 WHERE claim = ANY($2) AND status = 'running' RETURNING claim", _context.Lease, held);
            command.Connection = connection;
            using NpgsqlDataReader reader = command.ExecuteReader();
            var claims = new HashSet<Guid>();
            while (reader.Read()) claims.Add(reader.GetGuid(0));
            return claims;
        });
        Guid[] lost = [.. held.Where(c => !renewed.Contains(c))];
        if (lost.Length == 0) return;
        lock (_lock)
        {
            foreach (Guid claim in lost)
            {
                _held.Remove(claim);
                _lost.Add(claim);
            }
        }
        LogLeaseLost(lost.Length);
    }

    /// <inheritdoc />
    public bool Holds(ExperimentClaim claim)
    {
        Guid token = Parse(claim).Claim;
        lock (_lock) return !_lost.Contains(token);
    }

    /// <inheritdoc />
    public void Complete(ExperimentClaim claim, CompletedRun run)
    {
        var (id, token) = Parse(claim);
        var final = ReportMetrics.Final(run.Report);
        var epochs = ReportMetrics.Epochs(run.Report);
        double? seconds = final.Where(m => m.Name == "train_seconds").Select(m => (double?)m.Value).FirstOrDefault();
        string artifacts = JsonSerializer.Serialize(run.Artifacts.ToDictionary(a => a.Key, a => a.Value.AbsoluteUri));
        bool ours = _database.Run("complete " + claim.Name, connection =>
        {
            using NpgsqlTransaction transaction = connection.BeginTransaction();
            // Completed even when the lease had run out meanwhile (the database was away longer than the lease): the work is done.
            using var update = Command("""
                UPDATE jobs SET status = 'completed', finished_at = now(), lease_until = NULL
                WHERE id = $1 AND status <> 'completed'
                RETURNING claim = $2
                """, id, token);
            update.Connection = connection;
            update.Transaction = transaction;
            bool stillOurs = update.ExecuteScalar() is not false;
            using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(BatchCommand("UPDATE runs SET train_seconds = $2, artifacts = $3::jsonb WHERE run_id = $1", claim.RunId, (object?)seconds ?? DBNull.Value, artifacts));
            foreach (var (name, value) in final)
                batch.BatchCommands.Add(BatchCommand("INSERT INTO final_metrics VALUES ($1, $2, $3) ON CONFLICT (run_id, name) DO UPDATE SET value = EXCLUDED.value", claim.RunId, name, Value(value)));
            foreach (var (epoch, name, value) in epochs)
                batch.BatchCommands.Add(BatchCommand("INSERT INTO epoch_metrics VALUES ($1, $2, $3, $4) ON CONFLICT (run_id, epoch, name) DO UPDATE SET value = EXCLUDED.value", claim.RunId, epoch, name, Value(value)));
            batch.ExecuteNonQuery();
            transaction.Commit();
            return stillOurs;
        });
        Forget(token);
        if (!ours) LogCompletedAfterLease(claim.Name, claim.RunId);
    }

    /// <inheritdoc />
    public void Fail(ExperimentClaim claim, string error)
    {
        var (id, token) = Parse(claim);
        string note = $"{DateTimeOffset.UtcNow:O} attempt on worker {_context.Worker}: {error}";
        string? status = _database.Run("fail " + claim.Name, connection =>
        {
            using var command = Command("""
                UPDATE jobs SET errors = errors || $3,
                    status = CASE WHEN attempts >= $4 THEN 'parked' ELSE 'queued' END,
                    finished_at = CASE WHEN attempts >= $4 THEN now() END,
                    claim = NULL, lease_until = NULL
                WHERE id = $1 AND claim = $2
                RETURNING status
                """, id, token, note, _context.Settings.MaxAttempts);
            command.Connection = connection;
            return command.ExecuteScalar() as string;
        });
        Forget(token);
        if (status == "parked") LogParked(claim.Name, claim.RunId, _context.Settings.MaxAttempts);
    }

    /// <inheritdoc />
    public void Release(ExperimentClaim claim)
    {
        var (id, token) = Parse(claim);
        _database.Run("release " + claim.Name, connection =>
        {
            // A graceful stop is no attempt: the count goes back.
            using var command = Command("""
                UPDATE jobs SET status = 'queued', claim = NULL, lease_until = NULL, attempts = greatest(attempts - 1, 0)
                WHERE id = $1 AND claim = $2
                """, id, token);
            command.Connection = connection;
            return command.ExecuteNonQuery();
        });
        Forget(token);
    }

    /// <inheritdoc />
    public int RecoverAbandoned()
    {
        Guid[] held;
        lock (_lock) held = [.. _held];
        var recovered = _database.Run("recover abandoned claims", connection =>
        {
            // Expired leases, and claims recorded under this worker's name that it does not hold (left by its crash
            // before a restart, or taken in a statement whose reply was lost).
            using var command = Command("""
                WITH gone AS (
                    SELECT id FROM jobs
                    WHERE status = 'running' AND (lease_until < now() OR (worker = $1 AND NOT (claim = ANY($2))))
                    FOR UPDATE SKIP LOCKED)
                UPDATE jobs j SET
                    errors = j.errors || (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' attempt on worker ' || coalesce(j.worker, '?') || ': lease expired (the worker stopped heartbeating)'),
                    status = CASE WHEN j.attempts >= $3 THEN 'parked' ELSE 'queued' END,
                    finished_at = CASE WHEN j.attempts >= $3 THEN now() END,
                    claim = NULL, lease_until = NULL
                FROM gone WHERE j.id = gone.id
                RETURNING j.name, j.worker, j.status
                """, _context.Worker, held, _context.Settings.MaxAttempts);
            command.Connection = connection;
            using NpgsqlDataReader reader = command.ExecuteReader();
            var rows = new List<(string Name, string? Worker, string Status)>();
            while (reader.Read()) rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
            return rows;
        });
        foreach (var (name, worker, status) in recovered)
            LogRecovered(name, worker ?? "?", status);
        return recovered.Count;
    }

    public void Dispose() => _database.Dispose();

    private void Forget(Guid token)
    {
        lock (_lock)
        {
            _held.Remove(token);
            _lost.Remove(token);
        }
    }

    private static JsonObject ParseExperiment(byte[] content, string name)
    {
        try
        {
            return JsonNode.Parse(content) as JsonObject ?? throw new ConfigurationException(name, "an experiment file must hold a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ConfigurationException(name, $"not valid JSON: {e.Message}", e);
        }
    }

    private static string Handle(long id, Guid claim) => $"job {id.ToString(CultureInfo.InvariantCulture)} claim {claim}";

    private static (long Id, Guid Claim) Parse(ExperimentClaim claim)
    {
        string[] parts = claim.Handle.Split(' ');
        return (long.Parse(parts[1], CultureInfo.InvariantCulture), Guid.Parse(parts[3]));
    }

    private static object Value(double value) => double.IsFinite(value) ? value : DBNull.Value;

    private static NpgsqlBatchCommand BatchCommand(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (object? v in values) command.Parameters.Add(Parameter(v));
        return command;
    }

    private static NpgsqlCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql);
        foreach (object? v in values) command.Parameters.Add(Parameter(v));
        return command;
    }

    private static NpgsqlParameter Parameter(object? value) => value switch
    {
        Guid[] ids => new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
        TimeSpan span => new NpgsqlParameter { Value = span, NpgsqlDbType = NpgsqlDbType.Interval },
        _ => new NpgsqlParameter { Value = value ?? DBNull.Value },
    };

    [LoggerMessage(EventId = 710, Level = LogLevel.Warning, Message = "Queue: {Count} claim(s) of this worker were taken back when the lease was renewed (the lease had run out; another worker may have them)")]
    private partial void LogLeaseLost(int count);

    [LoggerMessage(EventId = 711, Level = LogLevel.Warning, Message = "Queue: {Job} (run {RunId}) completed after its lease had run out")]
    private partial void LogCompletedAfterLease(string job, string runId);

    [LoggerMessage(EventId = 712, Level = LogLevel.Error, Message = "Queue: {Job} (run {RunId}) failed {Attempts} times and is parked with its errors")]
    private partial void LogParked(string job, string runId, int attempts);

    [LoggerMessage(EventId = 713, Level = LogLevel.Warning, Message = "Queue: {Job} taken back from worker {Worker}, whose lease expired; now {Status}")]
    private partial void LogRecovered(string job, string worker, string status);
}
