using NeuralNet.Evaluation.Metrics;
using NeuralNet.Metrics;
using NeuralNet.Tensors;

namespace NeuralNet.Evaluation.Tests.Metrics;

/// <summary>Accumulation rules, edge cases and input checks shared by every metric.</summary>
public sealed class MetricBehaviourTests
{
    private static IEnumerable<TestCaseData> AllMetrics()
    {
        yield return new TestCaseData(new Func<IMetric>(() => new Accuracy(new AccuracyOptions()))).SetArgDisplayNames("accuracy");
        foreach (string average in new[] { "macro", "micro", "weighted" })
        {
            yield return new TestCaseData(new Func<IMetric>(() => new Precision(new ClassScoreOptions { Average = average }))).SetArgDisplayNames("precision", average);
            yield return new TestCaseData(new Func<IMetric>(() => new Recall(new ClassScoreOptions { Average = average }))).SetArgDisplayNames("recall", average);
            yield return new TestCaseData(new Func<IMetric>(() => new F1Score(new ClassScoreOptions { Average = average }))).SetArgDisplayNames("f1", average);
        }
        yield return new TestCaseData(new Func<IMetric>(() => new R2Score(new R2Options()))).SetArgDisplayNames("r2");
        yield return new TestCaseData(new Func<IMetric>(() => new R2Score(new R2Options { Target = 1 }))).SetArgDisplayNames("r2", "target 1");
        yield return new TestCaseData(new Func<IMetric>(() => new RootMeanSquaredError())).SetArgDisplayNames("rmse");
        yield return new TestCaseData(new Func<IMetric>(() => new TopKAccuracy(new TopKAccuracyOptions { K = 2 }))).SetArgDisplayNames("top_k_accuracy");
        yield return new TestCaseData(new Func<IMetric>(() => new LogLoss())).SetArgDisplayNames("log_loss");
        yield return new TestCaseData(new Func<IMetric>(() => new HammingLoss())).SetArgDisplayNames("hamming_loss");
        yield return new TestCaseData(new Func<IMetric>(() => new SubsetAccuracy())).SetArgDisplayNames("subset_accuracy");
        foreach (string average in new[] { "macro", "micro", "weighted" })
        {
            yield return new TestCaseData(new Func<IMetric>(() => new LabelPrecision(new LabelScoreOptions { Average = average }))).SetArgDisplayNames("label_precision", average);
            yield return new TestCaseData(new Func<IMetric>(() => new LabelRecall(new LabelScoreOptions { Average = average }))).SetArgDisplayNames("label_recall", average);
            yield return new TestCaseData(new Func<IMetric>(() => new LabelF1Score(new LabelScoreOptions { Average = average }))).SetArgDisplayNames("label_f1", average);
        }
        yield return new TestCaseData(new Func<IMetric>(() => new MeanSquaredError())).SetArgDisplayNames("mse");
        yield return new TestCaseData(new Func<IMetric>(() => new MeanAbsoluteError())).SetArgDisplayNames("mae");
    }

    /// <summary>Every metric, and ROC-AUC, which keeps every score (a rank statistic) and so may allocate while the set grows.</summary>
    private static IEnumerable<TestCaseData> AllMetricsAndRocAuc()
        => AllMetrics().Append(new TestCaseData(new Func<IMetric>(() => new RocAuc(new RocAucOptions()))).SetArgDisplayNames("roc_auc"));

    /// <summary>The metrics that size per-class or per-column state from the first batch.</summary>
    private static IEnumerable<TestCaseData> WidthBoundMetrics()
        => AllMetrics().Where(c => c.Arguments[0] is Func<IMetric> f
            && f() is not (Accuracy or MeanSquaredError or MeanAbsoluteError or TopKAccuracy or LogLoss));

    private static Tensor Rows(int width, params float[] values) => new(values, values.Length / width, new TensorShape(width));

    private static (Tensor Predictions, Tensor Targets) RandomBatch(int rows, int width, int seed)
    {
        var random = new Random(seed);
        var p = new Tensor(rows, width);
        var t = new Tensor(rows, width);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < width; j++) p[i, j] = random.NextSingle();
            t[i, random.Next(width)] = 1f;
        }
        return (p, t);
    }

    [TestCaseSource(nameof(AllMetrics))]
    public void Update_AfterFirstBatch_AllocatesNothing(Func<IMetric> create)
    {
        IMetric metric = create();
        var (p, t) = RandomBatch(64, 4, seed: 1);
        metric.Reset();
        metric.Update(p, t);
        p.SetBatchSize(17);
        t.SetBatchSize(17);
        metric.Update(p, t); // warm up every path once

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) metric.Update(p, t);
        metric.Reset();
        metric.Update(p, t);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(metric.Result(), Is.Not.NaN);
    }

    [TestCaseSource(nameof(AllMetricsAndRocAuc))]
    public void Result_NothingSinceReset_IsNaN(Func<IMetric> create)
    {
        IMetric metric = create();
        Assert.That(metric.Result(), Is.NaN);
        var (p, t) = RandomBatch(8, 3, seed: 2);
        metric.Update(p, t);
        Assert.That(metric.Result(), Is.Not.NaN);

        metric.Reset();

        Assert.That(metric.Result(), Is.NaN);
    }

    [TestCaseSource(nameof(AllMetricsAndRocAuc))]
    public void Update_ShapesDiffer_ThrowsWithBothShapes(Func<IMetric> create)
    {
        IMetric metric = create();
        var p = new Tensor(4, 3);
        var t = new Tensor(4, 2);

        var error = Assert.Throws<ArgumentException>(() => metric.Update(p, t))!;

        Assert.That(error.Message, Does.Contain("[4, 3]").And.Contain("[4, 2]"));
    }

    [TestCaseSource(nameof(WidthBoundMetrics))]
    public void Update_WidthChangesWithoutReset_Throws_AfterResetAccepted(Func<IMetric> create)
    {
        IMetric metric = create();
        var (p3, t3) = RandomBatch(6, 3, seed: 3);
        var (p5, t5) = RandomBatch(6, 5, seed: 4);
        metric.Update(p3, t3);

        Assert.Throws<ArgumentException>(() => metric.Update(p5, t5));

        metric.Reset();
        metric.Update(p5, t5);
        Assert.That(metric.Result(), Is.Not.NaN);
    }

    [Test]
    public void RocAuc_WidthChangesWithoutReset_Throws_AfterResetAccepted()
    {
        var metric = new RocAuc(new RocAucOptions());
        metric.Update(Rows(1, 0.2f, 0.9f), Rows(1, 0f, 1f));

        Assert.Throws<ArgumentException>(() => metric.Update(Rows(2, 0.2f, 0.8f), Rows(2, 0f, 1f)));

        metric.Reset();
        metric.Update(Rows(2, 0.8f, 0.2f, 0.3f, 0.7f), Rows(2, 1f, 0f, 0f, 1f));
        Assert.That(metric.Result(), Is.EqualTo(1.0));
    }

    [Test]
    public void Accuracy_SingleColumn_PredictionAtThresholdCountsPositive()
    {
        var metric = new Accuracy(new AccuracyOptions { Threshold = 0.25f });
        // Predictions 0.25 (positive), 0.2499 (negative), 0.9 (positive), 0.1 (negative) against targets 1, 1, 0, 0.
        metric.Update(Rows(1, 0.25f, 0.2499f, 0.9f, 0.1f), Rows(1, 1f, 1f, 0f, 0f));

        Assert.That(metric.Result(), Is.EqualTo(0.5).Within(1e-12));
    }

    [Test]
    public void Accuracy_MultiColumn_TieGoesToFirstColumnAsArgmax()
    {
        var metric = new Accuracy(new AccuracyOptions());
        metric.Update(Rows(3, 0.4f, 0.4f, 0.2f, /**/ 0.1f, 0.45f, 0.45f), Rows(3, 1f, 0f, 0f, /**/ 0f, 0f, 1f));

        Assert.That(metric.Result(), Is.EqualTo(0.5).Within(1e-12));
    }

    [Test]
    public void Precision_BinaryAverageWithThreeClasses_ThrowsNamingTheFix()
    {
        var metric = new Precision(new ClassScoreOptions { Average = "binary" });
        var (p, t) = RandomBatch(4, 3, seed: 5);

        var error = Assert.Throws<ArgumentException>(() => metric.Update(p, t))!;

        Assert.That(error.Message, Does.Contain("binary").And.Contain("macro"));
    }

    [Test]
    public void Recall_AverageAnyCase_Accepted()
    {
        var metric = new Recall(new ClassScoreOptions { Average = "Micro" });
        var (p, t) = RandomBatch(50, 4, seed: 6);
        var accuracy = new Accuracy(new AccuracyOptions());
        metric.Update(p, t);
        accuracy.Update(p, t);

        // Micro-averaged recall of single-label data is the accuracy.
        Assert.That(metric.Result(), Is.EqualTo(accuracy.Result()).Within(1e-12));
    }

    [Test]
    public void F1_MacroOverClassesSeen_HandComputed()
    {
        // Classes 0..3; class 3 never occurs. True 0,0,1,2 ; predicted 0,1,1,1.
        // F1: class 0 = 2·1/(2+0+1) = 2/3, class 1 = 2·1/(2+2+0) = 1/2, class 2 = 0; mean over three classes.
        var metric = new F1Score(new ClassScoreOptions());
        metric.Update(
            Rows(4, 0.9f, 0f, 0f, 0f, /**/ 0f, 0.9f, 0f, 0f, /**/ 0f, 0.9f, 0f, 0f, /**/ 0f, 0.9f, 0f, 0f),
            Rows(4, 1f, 0f, 0f, 0f, /**/ 1f, 0f, 0f, 0f, /**/ 0f, 1f, 0f, 0f, /**/ 0f, 0f, 1f, 0f));

        Assert.That(metric.Result(), Is.EqualTo((2.0 / 3 + 0.5 + 0) / 3).Within(1e-12));
    }

    [Test]
    public void R2_ConstantColumnPredictedPerfectly_ScoresOneForThatColumn()
    {
        // Column 0: y = 1, 2, 3, 4 with ŷ = 1, 2, 3, 5 → 1 − 1/5 = 0.8. Column 1: constant 7, predicted exactly → 1.
        var metric = new R2Score(new R2Options());
        metric.Update(Rows(2, 1f, 7f, 2f, 7f), Rows(2, 1f, 7f, 2f, 7f));
        metric.Update(Rows(2, 3f, 7f, 5f, 7f), Rows(2, 3f, 7f, 4f, 7f));

        Assert.That(metric.Result(), Is.EqualTo((0.8 + 1.0) / 2).Within(1e-12));
    }

    [Test]
    public void R2_SingleSample_IsNaN()
    {
        var metric = new R2Score(new R2Options());
        metric.Update(Rows(1, 1f), Rows(1, 2f));

        Assert.That(metric.Result(), Is.NaN);
    }

    [Test]
    public void R2_TargetsFarFromZero_MatchesTwoPassInDouble()
    {
        // Targets near 1e6 with spread ~1: Σy² − (Σy)²/n would lose the variance to cancellation.
        var random = new Random(7);
        int rows = 1000;
        var y = new float[rows];
        var yHat = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            y[i] = 1_000_000f + (float)Math.Round(random.NextDouble() * 64 - 32);
            yHat[i] = y[i] + (float)Math.Round(random.NextDouble() * 16 - 8);
        }
        double mean = y.Average(v => (double)v);
        double expected = 1 - y.Zip(yHat).Sum(z => ((double)z.First - z.Second) * ((double)z.First - z.Second))
                              / y.Sum(v => ((double)v - mean) * ((double)v - mean));

        double result = MetricFeeder.Feed(new R2Score(new R2Options()), yHat, y, 1, [37, 1, 250, 8]);

        Assert.That(result, Is.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void MeanAbsoluteError_HandComputed()
    {
        var metric = new MeanAbsoluteError();
        metric.Update(Rows(2, 1f, 2f), Rows(2, 0f, 4f));
        metric.Update(Rows(2, -1f, 0.5f), Rows(2, 1f, 0.5f));

        Assert.That(metric.Result(), Is.EqualTo((1 + 2 + 2 + 0) / 4.0).Within(1e-12));
        Assert.That(metric.HigherIsBetter, Is.False);
    }
}
