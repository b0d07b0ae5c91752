namespace NeuralNet.Experiments;

/// <summary>The runs a queue recorded: experiments, runs with their configuration, status, worker and timings, per-epoch and final metrics, artifact URIs.</summary>
public interface IRunRegistry : IDisposable
{
    /// <summary>Every run, or the runs of <paramref name="experiment"/>, newest first, with their final metrics (no epochs).</summary>
    IReadOnlyList<RunRecord> Runs(string? experiment = null);

    /// <summary>One run with its per-epoch metrics, or null when no run has that id.</summary>
    RunRecord? Run(string runId);
}
