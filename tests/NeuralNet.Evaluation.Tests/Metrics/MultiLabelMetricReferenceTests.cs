using NeuralNet.Evaluation.Metrics;
using NeuralNet.Metrics;

namespace NeuralNet.Evaluation.Tests.Metrics;

/// <summary>Multi-label metrics on label-indicator targets <c>[N, L]</c> against scikit-learn 1.2.1, fed in uneven batches.</summary>
public sealed class MultiLabelMetricReferenceTests
{
    private const double Tolerance = 1e-12;

    private static IEnumerable<TestCaseData> ScoreCases()
    {
        foreach (string name in MetricReferences.MultiLabelNames)
        {
            foreach (string metric in new[] { "label_precision", "label_recall", "label_f1" })
            {
                foreach (string average in new[] { "macro", "micro", "weighted" })
                    yield return new TestCaseData(name, metric, average).SetArgDisplayNames(name, metric, average);
            }
        }
    }

    private static IEnumerable<TestCaseData> Names()
        => MetricReferences.MultiLabelNames.Select(name => new TestCaseData(name).SetArgDisplayNames(name));

    private static double Feed(IMetric metric, string name)
    {
        var reference = MetricReferences.MultiLabel(name);
        var (predictions, width) = MetricReferences.Rows(reference["predictions"]);
        var (targets, _) = MetricReferences.Rows(reference["targets"]);
        return MetricFeeder.Feed(metric, predictions, targets, width);
    }

    private static double Expected(string name, string metric, string? average = null)
    {
        var node = MetricReferences.MultiLabel(name)["expected"]![metric]!;
        return average is null ? (double)node : (double)node[average]!;
    }

    [TestCaseSource(nameof(ScoreCases))]
    public void LabelScore_UnevenBatches_MatchesSklearn(string name, string metricName, string average)
    {
        var options = new LabelScoreOptions { Average = average };
        IMetric metric = metricName switch
        {
            "label_precision" => new LabelPrecision(options),
            "label_recall" => new LabelRecall(options),
            _ => new LabelF1Score(options),
        };

        Assert.That(Feed(metric, name), Is.EqualTo(Expected(name, metricName, average)).Within(Tolerance));
    }

    [TestCaseSource(nameof(Names))]
    public void HammingLoss_UnevenBatches_MatchesSklearn(string name)
    {
        var metric = new HammingLoss();

        Assert.That(Feed(metric, name), Is.EqualTo(Expected(name, "hamming_loss")).Within(Tolerance));
        Assert.That(metric.HigherIsBetter, Is.False);
    }

    [TestCaseSource(nameof(Names))]
    public void SubsetAccuracy_UnevenBatches_MatchesSklearn(string name)
        => Assert.That(Feed(new SubsetAccuracy(), name), Is.EqualTo(Expected(name, "subset_accuracy")).Within(Tolerance));

    [Test]
    public void LabelScores_CaseHasAbsentAndNeverPredictedLabels()
    {
        // The zero_division case must be in the data: label 4 never on, label 3 on but never predicted.
        var report = MetricReferences.MultiLabel("labels_absent_and_never_predicted")["expected"]!["report"]!;
        Assert.That((long)report["support"]![4]!, Is.Zero);
        Assert.That((double)report["precision"]![3]!, Is.Zero);
        Assert.That((long)report["support"]![3]!, Is.GreaterThan(0));
    }
}
