using NeuralNet.Evaluation.Metrics;
using NeuralNet.Metrics;

namespace NeuralNet.Evaluation.Tests.Metrics;

/// <summary>R², MSE, MAE and RMSE against scikit-learn 1.2.1, fed in uneven batches.</summary>
public sealed class RegressionMetricReferenceTests
{
    private const double Tolerance = 1e-6;

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (string name in MetricReferences.RegressionNames)
        {
            foreach (string metric in new[] { "r2", "mse", "mae", "rmse" })
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
            "r2" => new R2Score(new R2Options()),
            "mse" => new MeanSquaredError(),
            "rmse" => new RootMeanSquaredError(),
            _ => new MeanAbsoluteError(),
        };

        double result = MetricFeeder.Feed(metric, predictions, targets, width);

        Assert.That(result, Is.EqualTo((double)reference["expected"]![metricName]!).Within(Tolerance));
        Assert.That(metric.HigherIsBetter, Is.EqualTo(metricName == "r2"));
        Assert.That(metric.Tasks.HasFlag(Data.PredictionTask.Regression));
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

        double result = MetricFeeder.Feed(new R2Score(new R2Options()), predictions, targets, width);

        Assert.That(result, Is.EqualTo(raw.Average()).Within(Tolerance));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void R2_Target_MatchesSklearnRawValue(int target)
    {
        var reference = MetricReferences.Regression("multioutput_constant_column");
        double expected = (double)reference["expected"]!["r2_raw"]![target]!;
        var (predictions, width) = MetricReferences.Rows(reference["predictions"]);
        var (targets, _) = MetricReferences.Rows(reference["targets"]);

        double result = MetricFeeder.Feed(new R2Score(new R2Options { Target = target }), predictions, targets, width);

        Assert.That(result, Is.EqualTo(expected).Within(Tolerance));
    }

    [Test]
    public void R2_TargetOutOfRange_ThrowsNamingTheRange()
    {
        var metric = new R2Score(new R2Options { Target = 3 });

        var error = Assert.Throws<ArgumentException>(() => metric.Update(new Tensors.Tensor(4, 3), new Tensors.Tensor(4, 3)))!;

        Assert.That(error.Message, Does.Contain("Target 3").And.Contain("0 to 2"));
    }

    [Test]
    public void Rmse_SeveralOutputs_IsMeanOfColumnRootsNotRootOfMse()
    {
        var reference = MetricReferences.Regression("multioutput_constant_column");
        double rmse = (double)reference["expected"]!["rmse"]!, mse = (double)reference["expected"]!["mse"]!;

        Assert.That(rmse, Is.Not.EqualTo(Math.Sqrt(mse)).Within(1e-3), "the case must tell the two definitions apart");
    }
}
