using System.Text.Json.Nodes;
using NeuralNet.Engine.Model;
using NeuralNet.Engine.Persistence;
using NeuralNet.Engine.Training;
using NeuralNet.Errors;
using NeuralNet.Tensors;
using NeuralNet.Training;
using NeuralNet.Validation;

namespace NeuralNet.Engine.Pipeline;

/// <summary>
/// One split's trained model and results. Saved as the split's <c>final.ckpt</c> when it finishes, so a resumed
/// k-fold run does not train finished folds again.
/// </summary>
internal sealed record FoldOutcome(DataSplit Split, SequentialModel Model, FeatureNormalizer Normalizer, List<EpochSummary> History,
    double TrainSeconds, long SamplesTrained, EvaluationResult Validation, EvaluationResult Test, double TestSeconds,
    long? AllocatedBytesPerEpoch, string? StopReason)
{
    /// <summary>Writes the split's final checkpoint: the model's state and the results.</summary>
    public void Save(CheckpointTarget target)
    {
        JsonObject header = (JsonObject)target.Identity.DeepClone();
        header["final"] = new JsonObject
        {
            ["history"] = HistoryJson.Write(History),
            ["train_seconds"] = TrainSeconds,
            ["samples_trained"] = SamplesTrained,
            ["validation"] = Write(Validation),
            ["test"] = Write(Test),
            ["test_seconds"] = TestSeconds,
            ["allocated_bytes_per_epoch"] = AllocatedBytesPerEpoch,
            ["stop_reason"] = StopReason,
        };
        var tensors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, TensorShape>(StringComparer.Ordinal);
        foreach (StateEntry s in Model.State)
        {
            tensors["model." + s.Name] = s.Value.ReadOnlySpan.ToArray();
            shapes["model." + s.Name] = s.Shape;
        }
        Directory.CreateDirectory(target.Directory);
        CheckpointStore.Write(target.PathOf(CheckpointTarget.Final), new Checkpoint(header, tensors, shapes));
    }

    /// <summary>Rebuilds a finished split from its final checkpoint into <paramref name="model"/> (built as it was).</summary>
    /// <exception cref="ModelFormatException">The checkpoint belongs to another run, split or architecture, or lacks a tensor.</exception>
    public static FoldOutcome Restore(Checkpoint checkpoint, CheckpointTarget target, DataSplit split, SequentialModel model, FeatureNormalizer normalizer)
    {
        string file = target.PathOf(CheckpointTarget.Final);
        foreach (var (key, expected) in target.Identity)
            if (checkpoint.Header[key]?.ToJsonString() != expected?.ToJsonString())
                throw new ModelFormatException(file, $"does not belong to this run ({key} differs). Start a fresh run without --resume.");
        var problems = new List<string>();
        foreach (StateEntry s in model.State) checkpoint.CopyInto("model." + s.Name, s.Value.Span, s.Shape, problems);
        if (problems.Count > 0)
            throw new ModelFormatException(file, "does not match this model: " + string.Join("; ", problems.Take(10)) + ". Start a fresh run without --resume.");
        JsonObject f = checkpoint.Header["final"]?.AsObject() ?? throw new ModelFormatException(file, "is not a final checkpoint.");
        return new FoldOutcome(split, model, normalizer, HistoryJson.Read(f["history"]?.AsArray()),
            f["train_seconds"]!.GetValue<double>(), f["samples_trained"]!.GetValue<long>(),
            Read(f["validation"]), Read(f["test"]), f["test_seconds"]!.GetValue<double>(),
            f["allocated_bytes_per_epoch"]?.GetValue<long>(), f["stop_reason"]?.GetValue<string>());
    }

    private static JsonObject Write(EvaluationResult r) => new()
    {
        ["samples"] = r.Samples,
        ["loss"] = double.IsFinite(r.Loss) ? r.Loss : null,
        ["metrics"] = HistoryJson.Map(r.Metrics),
    };

    private static EvaluationResult Read(JsonNode? node)
    {
        JsonObject o = node!.AsObject();
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (k, v) in o["metrics"]!.AsObject()) metrics[k] = v?.GetValue<double>() ?? double.NaN;
        return new EvaluationResult(o["samples"]!.GetValue<int>(), o["loss"]?.GetValue<double>() ?? double.NaN, metrics);
    }
}
