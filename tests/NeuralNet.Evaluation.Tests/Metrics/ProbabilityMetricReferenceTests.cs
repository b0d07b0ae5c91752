using NeuralNet.Data;
using NeuralNet.Evaluation.Metrics;
using NeuralNet.Metrics;

namespace NeuralNet.Evaluation.Tests.Metrics;

/// <summary>Top-k accuracy, log loss and ROC-AUC against scikit-learn 1.2.1, fed in uneven batches.</summary>
public sealed class ProbabilityMetricReferenceTests
{
    private const double Tolerance = 1e-9;

    private static IEnumerable<TestCaseData> TopKCases()
    {
        foreach (string name in MetricReferences.ClassificationNames)
        {
            foreach (var (k, _) in MetricReferences.Classification(name)["expected"]!["top_k_accuracy"]!.AsObject())
                yield return new TestCaseData(name, int.Parse(k)).SetArgDisplayNames(name, "k=" + k);
        }
    }

    private static IEnumerable<TestCaseData> ClassificationCases()
        => MetricReferences.ClassificationNames.Select(name => new TestCaseData(name).SetArgDisplayNames(name));

    private static IEnumerable<TestCaseData> AucCases(string kind)
    {
        IEnumerable<string> names = kind == "multilabel" ? MetricReferences.MultiLabelNames : MetricReferences.ClassificationNames;
        foreach (string name in names)
        {
            foreach (string average in new[] { "macro", "weighted" })
                yield return new TestCaseData(kind, name, average).SetArgDisplayNames(kind, name, average);
        }
    }

    private static IEnumerable<TestCaseData> AllAucCases() => AucCases("classification").Concat(AucCases("multilabel"));

    [TestCaseSource(nameof(TopKCases))]
    public void TopKAccuracy_UnevenBatches_MatchesSklearn(string name, int k)
    {
        var reference = MetricReferences.Classification(name);
        var (predictions, width) = MetricReferences.Rows(reference["predictions"]);
        var (targets, _) = MetricReferences.Rows(reference["targets"]);

        double result = MetricFeeder.Feed(new TopKAccuracy(new TopKAccuracyOptions { K = k }), predictions, targets, width);

        Assert.That(result, Is.EqualTo((double)reference["expected"]!["top_k_accuracy"]![k.ToString()]!).Within(Tolerance));
    }

    [TestCaseSource(nameof(ClassificationCases))]
    public void TopKAccuracy_KOne_IsAccuracyForArgmaxColumns(string name)
    {
        var reference = MetricReferences.Classification(name);
        var (predictions, width) = MetricReferences.Rows(reference["predictions"]);
        var (targets, _) = MetricReferences.Rows(reference["targets"]);
        Assume.That(width, Is.GreaterThan(1));
        // With tied scores scikit-learn's top-1 takes the later column and argmax the first: they differ there.
        Assume.That(name, Does.Not.Contain("tied"));

        double result = MetricFeeder.Feed(new TopKAccuracy(new TopKAccuracyOptions { K = 1 }), predictions, targets, width);

        Assert.That(result, Is.EqualTo((double)reference["expected"]!["accuracy"]!).Within(Tolerance));
    }

    [TestCaseSource(nameof(ClassificationCases))]
    public void LogLoss_UnevenBatches_MatchesSklearn(string name)
    {
        var reference = MetricReferences.Classification(name);
        var (predictions, width) = MetricReferences.Rows(reference["predictions"]);
        var (targets, _) = MetricReferences.Rows(reference["targets"]);
        var metric = new LogLoss();

        double result = MetricFeeder.Feed(metric, predictions, targets, width);

        Assert.That(result, Is.EqualTo((double)reference["expected"]!["log_loss"]!).Within(1e-9));
        Assert.That(metric.HigherIsBetter, Is.False);
    }

    [Test]
    public void LogLoss_ConfidentlyWrong_ClippedAt1e7()
    {
        var metric = new LogLoss();
        metric.Update(new Tensors.Tensor([0f, 1f], 1, new Tensors.TensorShape(2)), new Tensors.Tensor([1f, 0f], 1, new Tensors.TensorShape(2)));

        // p = 0 for the true class is clipped to 1e-7 and the row [1e-7, 1 − 1e-7] sums to 1: −log(1e-7).
        Assert.That(metric.Result(), Is.EqualTo(-Math.Log(1e-7)).Within(1e-9));
    }

    [TestCaseSource(nameof(AllAucCases))]
    public void RocAuc_UnevenBatches_MatchesSklearnOrNaNWhereUndefined(string kind, string name, string average)
    {
        var reference = kind == "multilabel" ? MetricReferences.MultiLabel(name) : MetricReferences.Classification(name);
        var (predictions, width) = MetricReferences.Rows(reference["predictions"]);
        var (targets, _) = MetricReferences.Rows(reference["targets"]);
        var metric = new RocAuc(new RocAucOptions { Average = average });

        double result = MetricFeeder.Feed(metric, predictions, targets, width);

        var expected = reference["expected"]!["roc_auc"]![average];
        if (expected is null)
        {
            // scikit-learn raises ("Only one class present in y_true"); the metric reports the area as undefined.
            Assert.That(reference["expected"]!["roc_auc_error"], Is.Not.Null);
            Assert.That(result, Is.NaN);
        }
        else
        {
            Assert.That(result, Is.EqualTo((double)expected).Within(Tolerance));
        }
    }

    [Test]
    public void RocAuc_MoreRowsThanFirstCapacity_GrowsAndStillMatchesPairCount()
    {
        // 1000 rows in batches of 7: the buffers grow several times. Check against the O(P·N) pair definition.
        var random = new Random(11);
        int rows = 1000;
        var scores = new float[rows];
        var targets = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            targets[i] = random.NextDouble() < 0.3 ? 1f : 0f;
            scores[i] = MathF.Round(random.NextSingle() * 20) / 20 + 0.1f * targets[i];
        }
        double pairs = 0, wins = 0;
        for (int i = 0; i < rows; i++)
        for (int j = 0; j < rows; j++)
        {
            if (targets[i] != 1f || targets[j] != 0f) continue;
            pairs++;
            wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
        }

        double result = MetricFeeder.Feed(new RocAuc(new RocAucOptions()), scores, targets, 1, [7]);

        Assert.That(result, Is.EqualTo(wins / pairs).Within(1e-12));
    }

    [Test]
    public void Tasks_AsDeclared()
    {
        Assert.That(new TopKAccuracy(new TopKAccuracyOptions()).Tasks, Is.EqualTo(PredictionTask.Classification));
        Assert.That(new LogLoss().Tasks, Is.EqualTo(PredictionTask.Classification));
        Assert.That(((IMetric)new RocAuc(new RocAucOptions())).Tasks, Is.EqualTo(PredictionTask.Classification | PredictionTask.MultiLabel));
        Assert.That(((IMetric)new R2Score(new R2Options())).Tasks, Is.EqualTo(PredictionTask.Regression));
        Assert.That(((IMetric)new MeanSquaredError()).Tasks, Is.EqualTo(PredictionTask.Any));
    }
}
