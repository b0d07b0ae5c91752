using NeuralNet.Charts.OxyPlot.Internal;
using NeuralNet.Data;
using NeuralNet.Tensors;
using NeuralNet.Testing;

namespace NeuralNet.Charts.OxyPlot.Tests;

/// <summary>The areas printed in the ROC legend match scikit-learn's roc_auc_score on the metric reference cases.</summary>
public sealed class CurveReferenceTests
{
    private static readonly Lazy<System.Text.Json.Nodes.JsonNode> References =
        new(() => ReferenceData.Load("tests/NeuralNet.Evaluation.Tests/References/metric_references.json"));

    private static IEnumerable<TestCaseData> Cases()
        => References.Value["classification"]!.AsArray().Concat(References.Value["multilabel"]!.AsArray())
            .Where(c => c!["expected"]!["roc_auc"]!["macro"] is not null)
            .Select(c => new TestCaseData((string)c!["name"]!).SetArgDisplayNames((string)c["name"]!));

    [TestCaseSource(nameof(Cases))]
    public void RocArea_MeanOverCurveClasses_MatchesSklearnMacro(string name)
    {
        var node = References.Value["classification"]!.AsArray().Concat(References.Value["multilabel"]!.AsArray()).Single(c => (string)c!["name"]! == name)!;
        float[] predictions = ReferenceData.Floats(node["predictions"]);
        float[] targets = ReferenceData.Floats(node["targets"]);
        int width = node["predictions"]!.AsArray()[0]!.AsArray().Count;
        bool multiLabel = References.Value["multilabel"]!.AsArray().Contains(node);
        var results = new RunResults
        {
            Experiment = name, Task = multiLabel ? PredictionTask.MultiLabel : PredictionTask.Classification,
            InputShape = new TensorShape(1), Outputs = width, Folds = [], EvaluatedOn = "test", Samples = targets.Length / width,
            Inputs = new float[targets.Length / width], Predictions = predictions, Targets = targets, Predict = (_, _) => [],
        };

        double[] areas = Charts.RocChart.CurveClasses(results).Select(c =>
        {
            var (scores, positive) = Classes.OneVsRest(results, c.Class);
            return Curves.Roc(scores, positive)!.Value.Auc;
        }).ToArray();

        Assert.That(areas.Average(), Is.EqualTo((double)node["expected"]!["roc_auc"]!["macro"]!).Within(1e-12));
    }

    [Test]
    public void PrecisionRecall_AllPositivesRankedFirst_AveragePrecisionOne()
    {
        var result = Curves.PrecisionRecall([0.9, 0.8, 0.3, 0.1], [true, true, false, false])!.Value;

        Assert.That(result.AveragePrecision, Is.EqualTo(1.0));
        Assert.That(result.Recall[^1], Is.EqualTo(1.0));
    }

    [Test]
    public void Curves_OneClassOnly_Undefined()
    {
        Assert.That(Curves.Roc([0.1, 0.2], [true, true]), Is.Null);
        Assert.That(Curves.PrecisionRecall([0.1, 0.2], [false, false]), Is.Null);
    }
}
