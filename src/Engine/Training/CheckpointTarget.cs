using System.Text.Json.Nodes;

namespace NeuralNet.Engine.Training;

/// <summary>Where a training loop writes its checkpoints, and what identifies them as this run's.</summary>
/// <param name="Directory">The split's checkpoint folder (<c>runs/&lt;experiment&gt;/&lt;run-id&gt;/checkpoints/&lt;split&gt;</c>).</param>
/// <param name="Identity">Experiment, run id, split and architecture fingerprint, copied into every checkpoint's header.</param>
public sealed record CheckpointTarget(string Directory, JsonObject Identity)
{
    /// <summary>The checkpoint the loop writes after every epoch and on interruption; resuming starts from it.</summary>
    public const string Last = "last";

    /// <summary>The checkpoint of a finished split, with its results.</summary>
    public const string Final = "final";

    public string PathOf(string name) => System.IO.Path.Combine(Directory, name + Persistence.CheckpointStore.Extension);
}
