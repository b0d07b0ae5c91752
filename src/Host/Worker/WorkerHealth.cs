using System.Text.Json.Nodes;
using NeuralNet.Engine.Persistence;

namespace NeuralNet.Host.Worker;

/// <summary>
/// What the worker is doing, for a health check: state, current experiment, run id, epoch and the last heartbeat,
/// written atomically as JSON to the health file on every change and heartbeat. The epoch comes from the training
/// log (<see cref="WorkerProgressLogger"/>).
/// </summary>
public sealed class WorkerHealth(string path, string worker)
{
    private readonly Lock _lock = new();
    private string _state = "starting";
    private string? _experiment;
    private string? _runId;
    private int? _epoch;
    private int? _epochs;
    private DateTimeOffset _since = DateTimeOffset.UtcNow;

    public string Path { get; } = path;

    public void Set(string state, string? experiment = null, string? runId = null)
    {
        lock (_lock)
        {
            (_state, _experiment, _runId, _epoch, _epochs, _since) = (state, experiment, runId, null, null, DateTimeOffset.UtcNow);
        }
        Write();
    }

    public void Epoch(int epoch, int epochs)
    {
        lock (_lock) (_epoch, _epochs) = (epoch, epochs);
    }

    /// <summary>Writes the health file with the current time as the heartbeat.</summary>
    public void Write()
    {
        JsonObject json;
        lock (_lock)
        {
            json = new JsonObject
            {
                ["worker"] = worker,
                ["pid"] = Environment.ProcessId,
                ["state"] = _state,
                ["experiment"] = _experiment,
                ["run_id"] = _runId,
                ["epoch"] = _epoch,
                ["epochs"] = _epochs,
                ["since"] = _since.ToString("O"),
                ["heartbeat"] = DateTimeOffset.UtcNow.ToString("O"),
            };
        }
        AtomicFile.WriteAllText(Path, json.ToJsonString());
    }
}
