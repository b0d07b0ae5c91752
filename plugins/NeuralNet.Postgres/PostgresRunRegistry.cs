using System.Text.Json;
using System.Text.Json.Nodes;
using NeuralNet.Experiments;
using NeuralNet.Postgres.Internal;
using Npgsql;

namespace NeuralNet.Postgres;

/// <summary>The run registry in PostgreSQL: <c>runs</c> (resolved config, seed, status, worker, timings, artifact URIs) with the job's parameters, attempts and errors, <c>final_metrics</c> and <c>epoch_metrics</c>.</summary>
public sealed class PostgresRunRegistry : IRunRegistry
{
    private const string Select = """
        SELECT r.run_id, r.experiment, j.name, r.status, r.worker, r.seed, j.attempts, j.submitted_at, r.started_at, r.finished_at,
               j.parameters::text, r.artifacts::text, j.errors,
               (SELECT coalesce(json_object_agg(f.name, f.value), '{}') FROM final_metrics f WHERE f.run_id = r.run_id)::text,
               CASE WHEN $3 THEN r.config::text END
        FROM runs r JOIN jobs j ON j.run_id = r.run_id
        WHERE ($1::text IS NULL OR r.experiment = $1) AND ($2::text IS NULL OR r.run_id = $2)
        ORDER BY j.submitted_at DESC, j.id DESC
        """;

    private readonly Database _database;

    internal PostgresRunRegistry(Database database) => _database = database;

    /// <inheritdoc />
    public IReadOnlyList<RunRecord> Runs(string? experiment = null) => Query(experiment, null, details: false);

    /// <inheritdoc />
    public RunRecord? Run(string runId)
    {
        RunRecord? run = Query(null, runId, details: true).FirstOrDefault();
        if (run is null) return null;
        var epochs = _database.Run("read epochs", connection =>
        {
            using var command = new NpgsqlCommand("SELECT epoch, name, value FROM epoch_metrics WHERE run_id = $1 ORDER BY epoch, name", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = runId });
            using NpgsqlDataReader reader = command.ExecuteReader();
            var rows = new List<(int Epoch, string Name, double Value)>();
            while (reader.Read()) rows.Add((reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2)));
            return rows;
        });
        return run with
        {
            Epochs = epochs.GroupBy(e => e.Epoch)
                .Select(g => new EpochRecord(g.Key, g.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal))).ToList(),
        };
    }

    public void Dispose() => _database.Dispose();

    private List<RunRecord> Query(string? experiment, string? runId, bool details) => _database.Run("read runs", connection =>
    {
        using var command = new NpgsqlCommand(Select, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)experiment ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)runId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = details });
        using NpgsqlDataReader reader = command.ExecuteReader();
        var runs = new List<RunRecord>();
        while (reader.Read())
        {
            runs.Add(new RunRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.GetInt32(6),
                reader.GetFieldValue<DateTimeOffset>(7), Time(reader, 8), Time(reader, 9),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(10)) ?? [],
                Metrics(reader.GetString(13)),
                (JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(11)) ?? []).ToDictionary(a => a.Key, a => new Uri(a.Value)),
                reader.GetFieldValue<string[]>(12),
                reader.IsDBNull(14) ? null : JsonNode.Parse(reader.GetString(14)) as JsonObject,
                []));
        }
        return runs;
    });

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetFieldValue<DateTimeOffset>(column);

    private static Dictionary<string, double> Metrics(string json)
        => (JsonNode.Parse(json) as JsonObject ?? []).ToDictionary(m => m.Key, m => m.Value is JsonValue v && v.TryGetValue(out double d) ? d : double.NaN, StringComparer.Ordinal);
}
