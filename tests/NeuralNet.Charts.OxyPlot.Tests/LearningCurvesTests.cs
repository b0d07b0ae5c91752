using global::OxyPlot.Axes;
using global::OxyPlot.Series;
using NeuralNet.Charts.OxyPlot.Charts;
using NeuralNet.Charts.OxyPlot.Tests.Support;

namespace NeuralNet.Charts.OxyPlot.Tests;

/// <summary>Learning curves: log scale past two decades, one line pair per fold, smoothing, learning rate.</summary>
public sealed class LearningCurvesTests
{
    private static RunResults WithFolds(params FoldHistory[] folds)
    {
        RunResults r = SampleResults.OneFeatureRegression();
        return new RunResults
        {
            Experiment = r.Experiment, Task = r.Task, InputShape = r.InputShape, Outputs = r.Outputs, Folds = folds,
            EvaluatedOn = r.EvaluatedOn, Samples = r.Samples, Inputs = r.Inputs, Predictions = r.Predictions, Targets = r.Targets, Predict = r.Predict,
        };
    }

    [TestCase(600.0, 30, true)]   // 600 → ~0.014: more than four decades
    [TestCase(1.2, 12, false)]    // 1.2 → ~0.024: under two decades
    public void LossAxis_LogarithmicOnlyPastTwoDecades(double firstLoss, int epochs, bool log)
    {
        var chart = new LearningCurvesChart(new LearningCurvesOptions());

        var model = chart.Build(WithFolds(SampleResults.History("holdout", epochs, firstLoss)), "loss");

        Assert.That(model.Axes.Single(a => a.Position == AxisPosition.Left) is LogarithmicAxis, Is.EqualTo(log));
    }

    [Test]
    public void MetricAxis_NeverLogarithmic()
    {
        var model = new LearningCurvesChart(new LearningCurvesOptions()).Build(WithFolds(SampleResults.History("holdout", 30, 600)), "accuracy");

        Assert.That(model.Axes.Single(a => a.Position == AxisPosition.Left), Is.Not.InstanceOf<LogarithmicAxis>());
    }

    [Test]
    public void KFold_OneTrainAndOneValidationLinePerFold()
    {
        var results = WithFolds(SampleResults.History("fold-1", 10), SampleResults.History("fold-2", 10), SampleResults.History("fold-3", 8));

        var model = new LearningCurvesChart(new LearningCurvesOptions()).Build(results, "loss");

        var titles = model.Series.OfType<LineSeries>().Select(s => s.Title).ToArray();
        Assert.That(titles, Is.EquivalentTo(new[] { "fold-1 train", "fold-1 validation", "fold-2 train", "fold-2 validation", "fold-3 train", "fold-3 validation" }));
        Assert.That(model.Series.OfType<LineSeries>().Last().Points, Has.Count.EqualTo(8));
    }

    [Test]
    public void Smoothing_ExponentialMovingAverageOverAFaintRawLine()
    {
        var history = new FoldHistory("holdout", Enumerable.Range(1, 4).Select(e => new EpochValues(e,
            new Dictionary<string, double> { ["loss"] = e % 2 == 0 ? 1.0 : 3.0 }, new Dictionary<string, double>())).ToArray());

        var model = new LearningCurvesChart(new LearningCurvesOptions { Smoothing = 0.5 }).Build(WithFolds(history), "loss");

        var lines = model.Series.OfType<LineSeries>().ToArray();
        Assert.That(lines, Has.Length.EqualTo(2), "raw and smoothed train; no validation values");
        Assert.That(lines[0].Points.Select(p => p.Y), Is.EqualTo(new[] { 3.0, 1.0, 3.0, 1.0 }));
        // s1 = 3, s2 = 0.5·3 + 0.5·1 = 2, s3 = 0.5·2 + 0.5·3 = 2.5, s4 = 0.5·2.5 + 0.5·1 = 1.75
        Assert.That(lines[1].Points.Select(p => p.Y), Is.EqualTo(new[] { 3.0, 2.0, 2.5, 1.75 }));
        Assert.That(lines[1].Title, Does.Contain("smoothed"));
    }

    [Test]
    public void Draw_WritesLossEachMetricAndTheLearningRateWhenRecorded()
    {
        using var directory = new TempDirectory();

        new LearningCurvesChart(new LearningCurvesOptions()).Draw(WithFolds(SampleResults.History("holdout", 6, learningRate: true)), directory.Output());

        Assert.That(Directory.GetFiles(directory.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "loss.png", "accuracy.png", "learning_rate.png" }));
    }

    [Test]
    public void Draw_WithoutLearningRates_WritesNoLearningRateChart()
    {
        using var directory = new TempDirectory();

        new LearningCurvesChart(new LearningCurvesOptions()).Draw(WithFolds(SampleResults.History("holdout", 6)), directory.Output());

        Assert.That(File.Exists(Path.Combine(directory.Path, "learning_rate.png")), Is.False);
    }

    [Test]
    public void Draw_ConstantLearningRate_WritesNoLearningRateChart()
    {
        using var directory = new TempDirectory();
        var constant = new FoldHistory("holdout", SampleResults.History("holdout", 6).Epochs.Select(e => e with { LearningRate = 0.01 }).ToArray());

        new LearningCurvesChart(new LearningCurvesOptions()).Draw(WithFolds(constant), directory.Output());

        Assert.That(File.Exists(Path.Combine(directory.Path, "learning_rate.png")), Is.False);
    }
}
