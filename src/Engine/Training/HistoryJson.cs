using System.Text.Json.Nodes;
using NeuralNet.Training;

namespace NeuralNet.Engine.Training;

/// <summary>
/// Epoch history as JSON, the same in <c>report.json</c> and in checkpoints: per epoch its number, the training and
/// validation metrics (with <c>loss</c>), the seconds and the learning rate. Values that are not finite are null.
/// </summary>
public static class HistoryJson
{
    public static JsonArray Write(IEnumerable<EpochSummary> history, int? digits = null)
        => new(history.Select(h => (JsonNode)new JsonObject
        {
            ["epoch"] = h.Epoch,
            ["train"] = Map(new Dictionary<string, double>(h.TrainMetrics) { ["loss"] = h.TrainLoss }),
            ["validation"] = Map(double.IsNaN(h.ValidationLoss) && h.ValidationMetrics.Count == 0
                ? new Dictionary<string, double>()
                : new Dictionary<string, double>(h.ValidationMetrics) { ["loss"] = h.ValidationLoss }),
            ["seconds"] = digits is int d ? Math.Round(h.TrainSeconds, d) : h.TrainSeconds,
            ["learning_rate"] = h.LearningRate,
        }).ToArray());

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static List<EpochSummary> Read(JsonArray? history)
    {
        var records = new List<EpochSummary>();
        foreach (JsonNode? node in history ?? [])
        {
            JsonObject o = node!.AsObject();
            Dictionary<string, double> train = Values(o["train"]), validation = Values(o["validation"]);
            double trainLoss = train.Remove("loss", out double tl) ? tl : double.NaN;
            double validationLoss = validation.Remove("loss", out double vl) ? vl : double.NaN;
            records.Add(new EpochSummary(o["epoch"]!.GetValue<int>(), trainLoss, train, validationLoss, validation,
                o["seconds"]?.GetValue<double>() ?? 0, o["learning_rate"]?.GetValue<double>() ?? double.NaN));
        }
        return records;
    }

    /// <summary>Name → value as a JSON object; NaN and infinities become null.</summary>
    public static JsonObject Map(IReadOnlyDictionary<string, double> values)
    {
        var o = new JsonObject();
        foreach (var (k, v) in values) o[k] = double.IsFinite(v) ? v : null;
        return o;
    }

    private static Dictionary<string, double> Values(JsonNode? node)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (node is JsonObject o)
            foreach (var (k, v) in o) values[k] = v is null ? double.NaN : v.GetValue<double>();
        return values;
    }
}
