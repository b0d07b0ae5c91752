using System.Text.Json.Nodes;
using NeuralNet.Data;
using NeuralNet.Engine.Pipeline;
using NeuralNet.Testing;

namespace NeuralNet.Engine.Tests.Pipeline;

/// <summary>The per-class report against scikit-learn's confusion_matrix and precision_recall_fscore_support (the metric reference cases).</summary>
public sealed class ClassReportsTests
{
    private static readonly Lazy<JsonNode> References =
        new(() => ReferenceData.Load("tests/NeuralNet.Evaluation.Tests/References/metric_references.json"));

    private static IEnumerable<TestCaseData> Cases(string kind)
        => References.Value[kind]!.AsArray().Select(c => new TestCaseData(kind, (string)c!["name"]!).SetArgDisplayNames(kind, (string)c["name"]!));

    private static IEnumerable<TestCaseData> AllCases() => Cases("classification").Concat(Cases("multilabel"));

    [TestCaseSource(nameof(AllCases))]
    public void Build_MatchesSklearn(string kind, string name)
    {
        JsonNode node = References.Value[kind]!.AsArray().Single(c => (string)c!["name"]! == name)!;
        float[] predictions = ReferenceData.Floats(node["predictions"]);
        float[] targets = ReferenceData.Floats(node["targets"]);
        int width = node["predictions"]!.AsArray()[0]!.AsArray().Count;
        // Single-column cases use the metric's threshold; the report classifies at 0.5, as the charts do.
        Assume.That(node["threshold"] is null || (double)node["threshold"]! == 0.5);
        var task = kind == "multilabel" ? PredictionTask.MultiLabel : PredictionTask.Classification;
        string[] names = Enumerable.Range(0, width == 1 ? 2 : width).Select(c => "c" + c).ToArray();

        var report = ClassReports.Build(task, names, predictions, targets, targets.Length / width, width);

        JsonNode expected = node["expected"]!["report"]!;
        Assert.That(report.Precision, Is.EqualTo(Doubles(expected["precision"])).Within(1e-12));
        Assert.That(report.Recall, Is.EqualTo(Doubles(expected["recall"])).Within(1e-12));
        Assert.That(report.F1, Is.EqualTo(Doubles(expected["f1"])).Within(1e-12));
        Assert.That(report.Support, Is.EqualTo(expected["support"]!.AsArray().Select(v => (long)v!).ToArray()));
        if (task == PredictionTask.Classification)
            Assert.That(report.Confusion, Is.EqualTo(expected["confusion"]!.AsArray().SelectMany(r => r!.AsArray().Select(v => (long)v!)).ToArray()));
        else
            Assert.That(report.Confusion, Is.Null);
    }

    [Test]
    public void AddTo_ClassesKeyedByNameAndTheMatrixWithItsLabels()
    {
        var report = ClassReports.Build(PredictionTask.Classification, ["cat", "dog"], [0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f], [1, 0, 0, 1, 0, 1], 3, 2);
        var json = new JsonObject();

        ClassReports.AddTo(json, report, "test");

        Assert.That(json["classes"]!["dog"]!["support"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(json["classes"]!["dog"]!["recall"]!.GetValue<double>(), Is.EqualTo(0.5));
        Assert.That(json["classes"]!["cat"]!["precision"]!.GetValue<double>(), Is.EqualTo(0.5));
        Assert.That(json["confusion_matrix"]!["matrix"]!.ToJsonString(), Is.EqualTo("[[1,0],[1,1]]"));
        Assert.That(json["confusion_matrix"]!["labels"]!.ToJsonString(), Is.EqualTo("[\"cat\",\"dog\"]"));
        Assert.That(json["classes_evaluated_on"]!.GetValue<string>(), Is.EqualTo("test"));
    }

    [Test]
    public void Table_OneRowPerClassThenTheAverages()
    {
        var report = ClassReports.Build(PredictionTask.Classification, ["cat", "dog"], [0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f], [1, 0, 0, 1, 0, 1], 3, 2);

        string[] lines = ClassReports.Table(report).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines, Has.Length.EqualTo(5));
        Assert.That(lines[0], Does.Contain("precision").And.Contain("recall").And.Contain("f1").And.Contain("support"));
        Assert.That(lines[2].Trim(), Does.StartWith("dog").And.Contain("1.0000").And.Contain("0.5000").And.EndWith("2"));
        Assert.That(lines[3].Trim(), Does.StartWith("macro avg"));
        Assert.That(lines[4].Trim(), Does.StartWith("weighted avg").And.EndWith("3"));
    }

    private static double[] Doubles(JsonNode? values) => values!.AsArray().Select(v => (double)v!).ToArray();
}
