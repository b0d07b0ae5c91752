using System.Text.Json.Nodes;

namespace NeuralNet.Experiments;

/// <summary>A run in the registry.</summary>
/// <param name="RunId">The run's id (its folder name under <c>runs/&lt;experiment&gt;/</c>).</param>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="Job">The queued job's name.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>completed</c>, <c>failed</c> (will be retried) or <c>parked</c> (failed too often).</param>
/// <param name="Worker">The worker that holds or last held it.</param>
/// <param name="Seed">The experiment seed, when the configuration sets one.</param>
/// <param name="Attempts">How many times it was claimed.</param>
/// <param name="Submitted">When it was enqueued.</param>
/// <param name="Started">When it was first claimed.</param>
/// <param name="Finished">When it completed or was parked.</param>
/// <param name="Parameters">What set it apart from its siblings (a sweep's trial values, by configuration key).</param>
/// <param name="Metrics">Final metrics: <c>val_</c> + name and <c>test_</c> + name (with <c>loss</c>), and <c>train_seconds</c>.</param>
/// <param name="Artifacts">Kind → URI in the artifact store.</param>
/// <param name="Errors">Every failure recorded, oldest first.</param>
/// <param name="Config">The resolved experiment (<c>{ "Experiment": ... }</c>), as submitted.</param>
/// <param name="Epochs">Per-epoch metrics of the best split, when asked for one run (<see cref="IRunRegistry.Run"/>).</param>
public sealed record RunRecord(
    string RunId, string Experiment, string Job, string Status, string? Worker, long? Seed, int Attempts,
    DateTimeOffset Submitted, DateTimeOffset? Started, DateTimeOffset? Finished,
    IReadOnlyDictionary<string, string> Parameters, IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, Uri> Artifacts, IReadOnlyList<string> Errors, JsonObject? Config, IReadOnlyList<EpochRecord> Epochs);
