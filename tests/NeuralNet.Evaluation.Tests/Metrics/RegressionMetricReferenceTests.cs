using NeuralNet.Evaluation.Metrics;
using NeuralNet.Metrics;

namespace NeuralNet.Evaluation.Tests.Metrics;

/// <summary>R², MSE and MAE against scikit-learn 1.2.1, fed in uneven batches.</summary>
public sealed class RegressionMetricReferenceTests
{
    private const double Tolerance = 1e-6;

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (string name in MetricReferences.RegressionNames)
        {
            foreach (string metric in new[] { "r2", "mse", "mae" })
                yield return new TestCaseData(name, metric).SetArgDisplayNames(name, metric);
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Metric_UnevenBatches_MatchesSklearn(string name, string metricName)
    {
        var reference = MetricReferences.Regression(name);
        var (predictions, width) = MetricReferences.Rows(reference["predictions"]);
        var (targets, _) = MetricReferences.Rows(reference["targets"]);
        IMetric metric = metricName switch
        {
            "r2" => new R2Score(),
            "mse" => new MeanSquaredError(),
            _ => new MeanAbsoluteError(),
        };

        double result = MetricFeeder.Feed(metric, predictions, targets, width);

        Assert.That(result, Is.EqualTo((double)reference["expected"]![metricName]!).Within(Tolerance));
        Assert.That(metric.HigherIsBetter, Is.EqualTo(metricName == "r2"));
    }

    [Test]
    public void R2_ConstantTargetColumn_ScoresZeroForThatColumn()
    {
        // The reference case's last column is constant and mispredicted: sklearn's raw scores end with 0.
        var reference = MetricReferences.Regression("multioutput_constant_column");
        double[] raw = reference["expected"]!["r2_raw"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.That(raw[^1], Is.EqualTo(0.0));
        var (predictions, width) = MetricReferences.Rows(reference["predictions"]);
        var (targets, _) = MetricReferences.Rows(reference["targets"]);

        double result = MetricFeeder.Feed(new R2Score(), predictions, targets, width);

        Assert.That(result, Is.EqualTo(raw.Average()).Within(Tolerance));
    }
}
