using Microsoft.Extensions.Logging;
using NeuralNet.Experiments;
using NeuralNet.Postgres.Internal;

namespace NeuralNet.Postgres;

/// <summary>
/// <c>Queue:Type=postgres</c>: the experiment queue (<see cref="PostgresExperimentQueue"/>) and the run registry
/// (<see cref="PostgresRunRegistry"/>) in one PostgreSQL database named by <c>Queue:ConnectionString</c>. Opening
/// either connects once (a connection string that does not connect is a configuration error naming host and database,
/// never the password) and brings the schema up to date (<see cref="SchemaMigrations"/>).
/// </summary>
public sealed class PostgresQueueProvider(ILoggerFactory loggers) : IExperimentQueueProvider
{
    public const string Type = "postgres";

    /// <inheritdoc />
    public IExperimentQueue Open(QueueContext context)
    {
        Database database = Database.Open(context.Settings, loggers.CreateLogger<Database>());
        return new PostgresExperimentQueue(database, context, loggers.CreateLogger<PostgresExperimentQueue>());
    }

    /// <inheritdoc />
    public IRunRegistry OpenRegistry(QueueContext context)
        => new PostgresRunRegistry(Database.Open(context.Settings, loggers.CreateLogger<Database>()));
}
