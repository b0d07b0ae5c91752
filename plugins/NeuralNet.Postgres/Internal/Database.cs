using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using NeuralNet.Errors;
using NeuralNet.Experiments;
using Npgsql;

namespace NeuralNet.Postgres.Internal;

/// <summary>
/// The connection pool and the retry policy. Every operation runs on a pooled connection; one that fails because the
/// database went away (a restart, a dropped connection, "the database system is starting up") is retried with
/// exponential backoff (0.2 s doubling to 5 s) for up to <see cref="QueueSettings.RetrySeconds"/>, after the pool is
/// cleared of broken connections. Operations are written so that running one again is harmless.
/// </summary>
internal sealed partial class Database : IDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly TimeSpan _retryFor;
    private readonly ILogger _logger;

    private Database(NpgsqlDataSource source, string where, TimeSpan retryFor, ILogger logger)
    {
        _source = source;
        Where = where;
        _retryFor = retryFor;
        _logger = logger;
    }

    /// <summary>"database 'x' on host:port as 'user'": for messages, never with the password.</summary>
    public string Where { get; }

    /// <summary>Connects once and migrates the schema.</summary>
    /// <exception cref="ConfigurationException">No connection string, one that does not parse or does not connect, or a schema newer than this code.</exception>
    public static Database Open(QueueSettings settings, ILogger logger)
    {
        const string Key = "Queue:ConnectionString";
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
            throw new ConfigurationException(Key, $"required with Queue:Type={PostgresQueueProvider.Type}: Host=...;Port=5432;Database=...;Username=...;Password=...");
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            throw new ConfigurationException(Key, $"not a PostgreSQL connection string: {e.Message}");
        }
        if (string.IsNullOrEmpty(builder.Host))
            throw new ConfigurationException(Key, "names no Host (Host=server or Host=/socket/folder).");
        if (!settings.ConnectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) builder.Timeout = 5;
        string where = $"database '{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port} as '{builder.Username}'";
        NpgsqlDataSource source = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
        var database = new Database(source, where, TimeSpan.FromSeconds(settings.RetrySeconds), logger);
        try
        {
            using (NpgsqlConnection connection = source.OpenConnection())
                SchemaMigrations.Apply(connection, where);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or IOException)
        {
            source.Dispose();
            // Npgsql's messages name the host and the server's complaint, never the password.
            throw new ConfigurationException(Key, $"cannot connect to {where}: {(e.InnerException is { } inner && e.Message.Contains("Exception while", StringComparison.Ordinal) ? inner.Message : e.Message)}", e);
        }
        catch
        {
            source.Dispose();
            throw;
        }
        return database;
    }

    /// <summary>Runs <paramref name="body"/> on a pooled connection, retrying transient failures with backoff.</summary>
    public T Run<T>(string what, Func<NpgsqlConnection, T> body)
    {
        DateTime deadline = DateTime.UtcNow + _retryFor;
        var delay = TimeSpan.FromMilliseconds(200);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                using NpgsqlConnection connection = _source.OpenConnection();
                return body(connection);
            }
            catch (Exception e) when (IsTransient(e) && DateTime.UtcNow + delay < deadline)
            {
                LogRetrying(what, attempt, delay.TotalSeconds, e.Message);
                _source.Clear(); // broken connections out of the pool
                Thread.Sleep(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    /// <summary>Runs <paramref name="body"/> once (no retry): for periodic work such as heartbeats, whose next round is the retry.</summary>
    public T Once<T>(Func<NpgsqlConnection, T> body)
    {
        using NpgsqlConnection connection = _source.OpenConnection();
        return body(connection);
    }

    /// <summary>The database went away or refused for a while: a restart, a dropped connection, too many connections, a serialization conflict.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        PostgresException p => p.IsTransient || p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => n.IsTransient || n.InnerException is IOException or SocketException or TimeoutException,
        IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    public void Dispose() => _source.Dispose();

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "PostgreSQL: {What} failed (attempt {Attempt}), retrying in {Seconds} s: {Problem}")]
    private partial void LogRetrying(string what, int attempt, double seconds, string problem);
}
