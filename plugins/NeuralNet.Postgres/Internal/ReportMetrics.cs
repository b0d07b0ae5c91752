using System.Text.Json.Nodes;

namespace NeuralNet.Postgres.Internal;

/// <summary>
/// The registry's metrics from a run's <c>report.json</c>: final ones as <c>val_</c> + name and <c>test_</c> + name
/// (with <c>loss</c>; for k-fold also <c>cv_val_</c> + name, the mean over folds), and per epoch the training
/// metrics by name, the validation ones with <c>val_</c>, and <c>learning_rate</c>, as the callbacks' monitors spell them.
/// </summary>
internal static class ReportMetrics
{
    public static List<(string Name, double Value)> Final(JsonObject report)
    {
        var metrics = new List<(string, double)>();
        Add(metrics, "val_", report["validation"]);
        Add(metrics, "test_", report["test"]);
        if (report["cross_validation"]?["validation"] is JsonObject cv)
            foreach (var (name, stats) in cv)
                if (Number(stats?["mean"]) is double mean) metrics.Add(("cv_val_" + name, mean));
        if (Number(report["train"]?["seconds"]) is double seconds) metrics.Add(("train_seconds", seconds));
        return metrics;
    }

    public static List<(int Epoch, string Name, double Value)> Epochs(JsonObject report)
    {
        var epochs = new List<(int, string, double)>();
        foreach (JsonNode? node in report["history"] as JsonArray ?? [])
        {
            if (node?["epoch"] is not JsonValue e || !e.TryGetValue(out int epoch)) continue;
            var values = new List<(string Name, double Value)>();
            Add(values, "", node["train"]);
            Add(values, "val_", node["validation"]);
            if (Number(node["learning_rate"]) is double rate) values.Add(("learning_rate", rate));
            epochs.AddRange(values.Select(v => (epoch, v.Name, v.Value)));
        }
        return epochs;
    }

    private static void Add(List<(string, double)> into, string prefix, JsonNode? values)
    {
        if (values is not JsonObject o) return;
        foreach (var (name, value) in o)
            into.Add((prefix + name, Number(value) ?? double.NaN)); // null: not finite
    }

    private static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue(out double d) ? d : null;
}
