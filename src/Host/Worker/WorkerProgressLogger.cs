using Microsoft.Extensions.Logging;

namespace NeuralNet.Host.Worker;

/// <summary>
/// Feeds the health file's epoch from the runner's per-epoch log event (its structured <c>Epoch</c> and
/// <c>Epochs</c> values), so the worker needs no hook inside the training loop. (With training callbacks, a
/// callback can take its place.)
/// </summary>
public sealed class WorkerProgressLogger(WorkerHealth health) : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => categoryName.EndsWith(".ExperimentRunner", StringComparison.Ordinal) ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values) return;
        int? epoch = null, epochs = null;
        foreach (var (key, value) in values)
        {
            if (key == "Epoch" && value is int e) epoch = e;
            else if (key == "Epochs" && value is int n) epochs = n;
        }
        if (epoch is int current && epochs is int total) health.Epoch(current, total);
    }

    public void Dispose() { }
}
