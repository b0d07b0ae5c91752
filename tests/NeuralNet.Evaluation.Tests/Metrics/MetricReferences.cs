using System.Text.Json.Nodes;
using NeuralNet.Testing;

namespace NeuralNet.Evaluation.Tests.Metrics;

/// <summary>
/// The scikit-learn reference cases in References/metric_references.json (made by make_metric_references.py).
/// </summary>
internal static class MetricReferences
{
    private static readonly Lazy<JsonNode> Root =
        new(() => ReferenceData.Load("tests/NeuralNet.Evaluation.Tests/References/metric_references.json"));

    public static IEnumerable<string> ClassificationNames => Cases("classification").Select(c => (string)c["name"]!);

    public static IEnumerable<string> RegressionNames => Cases("regression").Select(c => (string)c["name"]!);

    public static IEnumerable<string> MultiLabelNames => Cases("multilabel").Select(c => (string)c["name"]!);

    public static JsonNode MultiLabel(string name) => Cases("multilabel").Single(c => (string)c["name"]! == name);

    public static JsonNode Classification(string name) => Cases("classification").Single(c => (string)c["name"]! == name);

    public static JsonNode Regression(string name) => Cases("regression").Single(c => (string)c["name"]! == name);

    /// <summary>The flattened rows and their width.</summary>
    public static (float[] Values, int Width) Rows(JsonNode? rows)
        => (ReferenceData.Floats(rows), rows!.AsArray()[0]!.AsArray().Count);

    private static IEnumerable<JsonNode> Cases(string kind) => Root.Value[kind]!.AsArray().Select(c => c!);
}
