using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NeuralNet.Engine.Pipeline;

namespace NeuralNet.Host;

/// <summary>The table printed after a run: every metric on validation and test, then throughput and output paths.</summary>
public static class SummaryTable
{
    public static string Format(RunResult result)
    {
        JsonObject report = result.Report;
        var validation = report["validation"]!.AsObject();
        var test = report["test"]!.AsObject();
        string[] metrics = validation.Select(kv => kv.Key).Union(test.Select(kv => kv.Key)).ToArray();
        int width = Math.Max(8, metrics.Length == 0 ? 0 : metrics.Max(m => m.Length));

        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine($"  {result.Experiment}");
        text.AppendLine($"  {"metric".PadRight(width)}  {"validation",10}  {"test",10}");
        text.AppendLine($"  {new string('-', width)}  {new string('-', 10)}  {new string('-', 10)}");
        foreach (string m in metrics)
            text.AppendLine($"  {m.PadRight(width)}  {Value(validation[m]),10}  {Value(test[m]),10}");
        if (report["cross_validation"] is JsonObject cv)
        {
            text.AppendLine();
            var cvValidation = cv["validation"]!.AsObject();
            var cvTest = cv["test"]!.AsObject();
            string[] cvMetrics = cvValidation.Select(kv => kv.Key).Union(cvTest.Select(kv => kv.Key)).ToArray();
            text.AppendLine($"  {report["folds"]!.AsArray().Count} folds, mean ± std over folds; {cv["epochs_trained"]} epochs trained in all");
            text.AppendLine($"  {"metric".PadRight(width)}  {"validation",-17}  {"test",-17}");
            foreach (string m in cvMetrics) text.AppendLine($"  {m.PadRight(width)}  {MeanStd(cvValidation[m]),-17}  {MeanStd(cvTest[m]),-17}");
            text.AppendLine($"  model kept: {report["saved_split"]} ({report["saved_because"]})");
        }
        JsonObject train = report["train"]!.AsObject();
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"  trained {train["epochs_trained"]} epochs in {train["seconds"]} s ({train["samples_per_second"]} samples/s), {report["model"]!["parameters"]} parameters"));
        if (train["stopped_early"] is JsonNode stopped) text.AppendLine($"  stopped early: {stopped}");
        text.AppendLine($"  run {result.RunId}");
        text.AppendLine($"  report and charts: {result.RunDirectory}");
        text.AppendLine($"  model:             {result.ModelDirectory}");
        return text.ToString();
    }

    private static string Value(JsonNode? node)
        => node is null ? "-" : node.GetValue<double>().ToString("F4", CultureInfo.InvariantCulture);

    private static string MeanStd(JsonNode? node)
        => node is null ? "-" : $"{Value(node["mean"])} ± {Value(node["std"])}";
}
