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
            text.AppendLine($"  {report["folds"]!.AsArray().Count}-fold validation, mean ± std over folds (model saved from {report["saved_split"]}):");
            foreach (var (m, v) in cv) text.AppendLine($"  {m.PadRight(width)}  {MeanStd(v)}");
        }
        JsonObject train = report["train"]!.AsObject();
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"  trained {train["epochs"]} epochs in {train["seconds"]} s ({train["samples_per_second"]} samples/s), {report["model"]!["parameters"]} parameters"));
        text.AppendLine($"  report and charts: {result.RunDirectory}");
        text.AppendLine($"  model:             {result.ModelDirectory}");
        return text.ToString();
    }

    private static string Value(JsonNode? node)
        => node is null ? "-" : node.GetValue<double>().ToString("F4", CultureInfo.InvariantCulture);

    private static string MeanStd(JsonNode? node)
        => node is null ? "-" : $"{Value(node["mean"])} ± {Value(node["std"])}";
}
