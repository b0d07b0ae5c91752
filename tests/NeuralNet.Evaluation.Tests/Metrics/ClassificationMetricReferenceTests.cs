using NeuralNet.Evaluation.Metrics;
using NeuralNet.Metrics;

namespace NeuralNet.Evaluation.Tests.Metrics;

/// <summary>Accuracy, precision, recall and F1 against scikit-learn 1.2.1, fed in uneven batches.</summary>
public sealed class ClassificationMetricReferenceTests
{
    private const double Tolerance = 1e-6;

    private static IEnumerable<TestCaseData> AccuracyCases()
        => MetricReferences.ClassificationNames.Select(name => new TestCaseData(name).SetArgDisplayNames(name));

    private static IEnumerable<TestCaseData> ScoreCases()
    {
        foreach (string name in MetricReferences.ClassificationNames)
        {
            var expected = MetricReferences.Classification(name)["expected"]!;
            foreach (string metric in new[] { "precision", "recall", "f1" })
            {
                foreach (var (average, _) in expected[metric]!.AsObject())
                    yield return new TestCaseData(name, metric, average).SetArgDisplayNames(name, metric, average);
            }
        }
    }

    [TestCaseSource(nameof(AccuracyCases))]
    public void Accuracy_UnevenBatches_MatchesSklearn(string name)
    {
        var reference = MetricReferences.Classification(name);
        var (predictions, width) = MetricReferences.Rows(reference["predictions"]);
        var (targets, _) = MetricReferences.Rows(reference["targets"]);
        var metric = new Accuracy(new AccuracyOptions { Threshold = (float)reference["threshold"]! });

        double result = MetricFeeder.Feed(metric, predictions, targets, width);

        Assert.That(result, Is.EqualTo((double)reference["expected"]!["accuracy"]!).Within(Tolerance));
        Assert.That(metric.HigherIsBetter, Is.True);
    }

    [TestCaseSource(nameof(ScoreCases))]
    public void ClassScore_UnevenBatches_MatchesSklearn(string name, string metricName, string average)
    {
        var reference = MetricReferences.Classification(name);
        var (predictions, width) = MetricReferences.Rows(reference["predictions"]);
        var (targets, _) = MetricReferences.Rows(reference["targets"]);
        var options = new ClassScoreOptions { Average = average, Threshold = (float)reference["threshold"]! };
        IMetric metric = metricName switch
        {
            "precision" => new Precision(options),
            "recall" => new Recall(options),
            _ => new F1Score(options),
        };

        double result = MetricFeeder.Feed(metric, predictions, targets, width);

        Assert.That(result, Is.EqualTo((double)reference["expected"]![metricName]![average]!).Within(Tolerance));
    }

    [TestCaseSource(nameof(ScoreCases))]
    public void ClassScore_ResetThenFeedAgain_SameResult(string name, string metricName, string average)
    {
        var reference = MetricReferences.Classification(name);
        var (predictions, width) = MetricReferences.Rows(reference["predictions"]);
        var (targets, _) = MetricReferences.Rows(reference["targets"]);
        var instance = Testing.Conformance.Create<IMetric>(typeof(Precision), metricName,
            new Dictionary<string, string?> { ["Average"] = average, ["Threshold"] = reference["threshold"]!.ToJsonString() });

        double first = MetricFeeder.Feed(instance.Component, predictions, targets, width);
        double second = MetricFeeder.Feed(instance.Component, predictions, targets, width, [3, 17]);

        Assert.That(second, Is.EqualTo(first).Within(1e-12));
        Assert.That(second, Is.EqualTo((double)reference["expected"]![metricName]![average]!).Within(Tolerance));
    }
}
